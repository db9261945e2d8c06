import test from 'ava';
import { cleanGuestString, decodeLossy, sanitizeGuestText } from '../../../reports/text/sanitize.js';

test('terminal escapes, control characters and lone surrogates are removed or replaced', (t) => {
  t.is(cleanGuestString('\u001b[1;31mred\u001b[0m \u001b]0;title\u0007ok\r\nnext\u0000\u0008\u007f \ud800x'), 'red ok\nnext \ufffdx');
  t.is(cleanGuestString('tab\tand\nnewline stay'), 'tab\tand\nnewline stay');
});

test('invalid UTF-8 becomes U+FFFD instead of failing', (t) => {
  t.is(decodeLossy(Buffer.from([0x61, 0xff, 0xc3, 0x28, 0x62])), 'a\ufffd\ufffd(b');
});

test('only the last lines are kept, and long lines are cut with a note', (t) => {
  const text = Array.from({ length: 50 }, (_, index) => `line ${index}`).join('\n');
  const kept = sanitizeGuestText(text, { maxLines: 3 }).split('\n');
  t.deepEqual(kept, ['… (47 earlier lines)', 'line 47', 'line 48', 'line 49']);
  t.is(sanitizeGuestText('x'.repeat(1000), { maxLineChars: 10 }), `${'x'.repeat(10)}… (990 more characters)`);
});
