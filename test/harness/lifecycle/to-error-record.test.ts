import test from 'ava';
import { InfrastructureError, UsageError } from '../../../harness/errors/errors.js';
import { toErrorRecord } from '../../../harness/lifecycle/to-error-record.js';

test('the record\'s phase is the lifecycle phase that ran; its step is what the error says failed', (t) => {
  const error = new InfrastructureError('wimlib-imagex failed', { step: 'wim-apply', machine: 'desktop-e1000', timedOut: true });
  t.deepEqual(toErrorRecord(error, 'targets', 'apply'), {
    kind: 'infrastructure', phase: 'targets', step: 'wim-apply', message: 'wimlib-imagex failed', timedOut: true, machine: 'desktop-e1000',
  });
  // An error that names a phase of its own does not move the record out of the phase that ran.
  t.like(toErrorRecord(new InfrastructureError('setup did not finish', { phase: 'install' }), 'generalize'), { phase: 'generalize', step: 'generalize' });
});

test('without a step of the error, the caller\'s step (a clone\'s state) or else the phase is the step', (t) => {
  t.like(toErrorRecord(new UsageError('too small'), 'targets', 'apply'), { kind: 'usage', phase: 'targets', step: 'apply' });
  t.like(toErrorRecord(new UsageError('bad geometry'), 'install'), { kind: 'usage', phase: 'install', step: 'install' });
  const internal = toErrorRecord(new TypeError('x is undefined'), 'check');
  t.like(internal, { kind: 'internal', phase: 'check', step: 'check', timedOut: false });
  t.regex(internal.message, /TypeError: x is undefined\n\s+at /, 'a bug keeps its stack');
});
