import test from 'ava';
import { registerLifecycleTests } from './guest-lifecycle.js';

registerLifecycleTests(test, 'fat32');
