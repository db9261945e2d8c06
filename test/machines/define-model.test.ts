import test from 'ava';
import { defineModel, InvalidModelError } from '../../machines/define-model.js';

test('defineModel returns the model as written when it is valid', (t) => {
  const input = { name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8139', slot: 3 }] };
  t.is(defineModel(input), input);
});

test('defineModel checks a model that extends a built-in one whole, at once', (t) => {
  const error = t.throws(() => defineModel({ name: 'desk-b', extends: 'desktop-e1000', nics: [{ device: 'rtl8193', slot: 3 }] }), { instanceOf: InvalidModelError });
  t.regex(error.message, /model "desk-b": nics\[0\]\.device: Unknown nic device "rtl8193".*did you mean rtl8139/);
  t.deepEqual(error.problems.map((problem) => problem.field), ['nics[0].device']);
});

test('defineModel refuses unknown keys with the nearest field', (t) => {
  // @ts-expect-error -- the typo is the point
  const error = t.throws(() => defineModel({ name: 'x', extends: 'desktop-e1000', nic: [] }), { instanceOf: InvalidModelError });
  t.regex(error.message, /nic: Unrecognized key "nic": did you mean nics\?/);
});

test('a model extending a user model is checked for its shape now, whole when its file loads', (t) => {
  t.notThrows(() => defineModel({ name: 'desk-c', extends: 'desk-b', cpus: 2 }));
  // @ts-expect-error -- a wrong type is the point
  t.throws(() => defineModel({ name: 'desk-c', extends: 'desk-b', cpus: 'two' }), { instanceOf: InvalidModelError, message: /cpus: expected number, got "two"/ });
});
