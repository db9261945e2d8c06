/**
 * The report's only script (inline): clicking a matrix cell opens its details, the address
 * (#cell-N) opens a cell on load, and the filter buttons show one outcome. It reads the page,
 * never data embedded in the script, so guest text can never end up inside a <script>.
 */
export const REPORT_SCRIPT = `
(function () {
  function openCell(id) {
    var target = id && document.getElementById(id);
    if (target && target.tagName === 'DETAILS') { target.open = true; target.scrollIntoView({ block: 'start' }); }
  }
  window.addEventListener('hashchange', function () { openCell(location.hash.slice(1)); });
  if (location.hash) openCell(location.hash.slice(1));
  document.querySelectorAll('.filters button').forEach(function (button) {
    button.addEventListener('click', function () {
      var outcome = button.getAttribute('data-filter');
      document.querySelectorAll('details.cell-detail').forEach(function (detail) {
        detail.hidden = outcome !== 'all' && detail.getAttribute('data-outcome') !== outcome;
      });
    });
  });
})();
`;
