import test from 'ava';
import { TeardownStack, type TeardownFailure } from '../../../harness/teardown/teardown-stack.js';
import { withTeardown } from '../../../harness/teardown/with-teardown.js';

test('cleanups run in reverse order of registration, async ones awaited one after the other', async (t) => {
  const stack = new TeardownStack();
  const order: string[] = [];
  stack.defer('a', () => order.push('a'));
  stack.defer('b', async () => {
    await new Promise((resolve) => setTimeout(resolve, 20));
    order.push('b');
  });
  stack.defer('c', () => order.push('c'));
  t.is(stack.size, 3);
  t.deepEqual(await stack.unwind(), []);
  t.deepEqual(order, ['c', 'b', 'a']);
  t.is(stack.size, 0);
  t.deepEqual(await stack.unwind(), [], 'a second unwind runs nothing again');
  t.deepEqual(order, ['c', 'b', 'a']);
});

test('a failing cleanup does not stop the ones registered before it; failures are returned in order', async (t) => {
  const stack = new TeardownStack();
  const order: string[] = [];
  stack.defer('first', () => order.push('first'));
  stack.defer('second', () => { throw new Error('second broke'); });
  stack.defer('third', async () => { throw new Error('third broke'); });
  const failures = await stack.unwind();
  t.deepEqual(order, ['first']);
  t.deepEqual(failures.map((failure) => [failure.name, (failure.error as Error).message]), [['third', 'third broke'], ['second', 'second broke']]);
});

test('a cleanup registered while unwinding runs too', async (t) => {
  const stack = new TeardownStack();
  const order: string[] = [];
  stack.defer('outer', () => {
    order.push('outer');
    stack.defer('late', () => order.push('late'));
  });
  await stack.unwind();
  t.deepEqual(order, ['outer', 'late']);
});

test('withTeardown unwinds after the body succeeded and returns its value', async (t) => {
  const order: string[] = [];
  const value = await withTeardown(async (teardown) => {
    teardown.defer('one', () => order.push('one'));
    teardown.defer('two', () => order.push('two'));
    order.push('body');
    return 42;
  });
  t.is(value, 42);
  t.deepEqual(order, ['body', 'two', 'one']);
});

test('withTeardown unwinds after the body failed and keeps the body\'s error; the cleanup errors are reported, not thrown', async (t) => {
  const order: string[] = [];
  const reported: TeardownFailure[] = [];
  const error = await t.throwsAsync(withTeardown(async (teardown) => {
    teardown.defer('remove file', () => order.push('remove file'));
    teardown.defer('stop vm', () => { throw new Error('stop failed'); });
    throw new Error('the work failed');
  }, { onLaterError: (failure) => reported.push(failure) }));
  t.is(error?.message, 'the work failed');
  t.deepEqual(order, ['remove file'], 'the cleanup registered first still ran after the one that failed');
  t.deepEqual(reported.map((failure) => failure.name), ['stop vm']);
});

test('withTeardown after a successful body throws the first cleanup error and reports the later ones', async (t) => {
  const reported: TeardownFailure[] = [];
  const error = await t.throwsAsync(withTeardown(async (teardown) => {
    teardown.defer('registered first', () => { throw new Error('fails last'); });
    teardown.defer('registered last', () => { throw new Error('fails first'); });
    return 'done';
  }, { onLaterError: (failure) => reported.push(failure) }));
  t.is(error?.message, 'fails first');
  t.deepEqual(reported.map((failure) => (failure.error as Error).message), ['fails last']);
});

test('withTeardown reports an unthrown cleanup error as a TeardownWarning by default', async (t) => {
  const warnings: Error[] = [];
  const listener = (warning: Error): void => { warnings.push(warning); };
  process.on('warning', listener);
  t.teardown(() => process.removeListener('warning', listener));
  await t.throwsAsync(withTeardown(async (teardown) => {
    teardown.defer('remove the socket', () => { throw new Error('EBUSY'); });
    throw new Error('boot failed');
  }), { message: 'boot failed' });
  await new Promise((resolve) => setImmediate(resolve));
  t.true(warnings.some((warning) => warning.name === 'TeardownWarning' && /remove the socket.*EBUSY/.test(warning.message)), warnings.map(String).join('\n'));
});
