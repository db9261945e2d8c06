import { Option } from 'commander';
import { collect } from './collect.js';

/** `--tag`, the same on `clonelab run` and `clonelab scenarios list`: repeatable, comma-separated (see selectByTags). */
export function tagOption(): Option {
  return new Option('--tag <tags>', 'only the scenarios with one of these tags (comma-separated, repeatable; see `clonelab scenarios list`)').argParser(collect).default([]);
}
