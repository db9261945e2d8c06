import test from 'ava';
import { UsageError } from '../../../harness/errors/errors.js';
import { identityKinds } from '../../../harness/probe/identity.js';
import { findProfile, listProfiles } from '../../../harness/profiles/registry.js';
import { guestProfileNames, type GuestProfileName } from '../../../harness/profiles/types.js';

test('every profile name the schema takes is registered, under its own name', (t) => {
  t.deepEqual([...listProfiles()].sort(), [...guestProfileNames].sort());
  for (const name of guestProfileNames) t.is(findProfile(name).name, name);
});

test('each profile declares known identity items, the machine itself among them, and every clone method', (t) => {
  for (const name of listProfiles()) {
    const profile = findProfile(name);
    t.true(profile.identityKinds.length > 0, name);
    t.true(profile.identityKinds.every((kind) => (identityKinds as readonly string[]).includes(kind)), name);
    t.true(profile.identityKinds.includes('machine-sid') || profile.identityKinds.includes('machine-id'), `${name} names its machine identity`);
    t.deepEqual(Object.keys(profile.cloneMethods).sort(), ['file', 'overlay', 'sector', 'used-blocks'], name);
  }
  t.true(findProfile('reference').identityKinds.includes('machine-sid'));
  t.deepEqual([...findProfile('debian').identityKinds], ['machine-id', 'hostname', 'ssh-host-key', 'filesystem-uuid']);
  t.deepEqual([...findProfile('image').identityKinds], [...findProfile('debian').identityKinds]);
});

test('an unknown profile: a UsageError naming the profiles there are', (t) => {
  const error = t.throws(() => findProfile('no-such-guest' as GuestProfileName), { instanceOf: UsageError });
  t.true(error?.message.startsWith(`Unknown guest profile 'no-such-guest': expected one of ${listProfiles().join(', ')}`), error?.message);
  t.true(['reference', 'debian', 'image'].every((name) => error?.message.includes(name)));
});
