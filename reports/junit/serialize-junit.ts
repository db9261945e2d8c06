import { XMLBuilder } from 'fast-xml-parser';
import type { JunitCase, JunitTree } from './build-junit-tree.js';

const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', textNodeName: '#text', format: true, indentBy: '  ', suppressEmptyNode: true });

/** Serializes a JUnit tree as XML (the Ant/Jenkins flavour every CI system reads). */
export function serializeJunit(tree: JunitTree): string {
  const count = (test: (junitCase: JunitCase) => boolean): number => tree.suites.reduce((sum, suite) => sum + suite.cases.filter(test).length, 0);
  const document = {
    '?xml': { '@_version': '1.0', '@_encoding': 'UTF-8' },
    testsuites: {
      '@_name': tree.name,
      '@_tests': count(() => true),
      '@_failures': count((junitCase) => Boolean(junitCase.failure)),
      '@_errors': count((junitCase) => Boolean(junitCase.error)),
      '@_skipped': count((junitCase) => junitCase.skipped !== undefined),
      '@_time': seconds(tree.seconds),
      testsuite: tree.suites.map((suite, id) => ({
        '@_name': suite.name,
        '@_id': id,
        '@_tests': suite.cases.length,
        '@_failures': suite.cases.filter((junitCase) => junitCase.failure).length,
        '@_errors': suite.cases.filter((junitCase) => junitCase.error).length,
        '@_skipped': suite.cases.filter((junitCase) => junitCase.skipped !== undefined).length,
        '@_time': seconds(suite.seconds),
        '@_timestamp': suite.timestamp,
        ...(suite.properties.length > 0 ? { properties: { property: suite.properties.map(toProperty) } } : {}),
        testcase: suite.cases.map(toTestcase),
      })),
    },
  };
  return `${builder.build(document) as string}`;
}

function toTestcase(junitCase: JunitCase): Record<string, unknown> {
  return {
    '@_name': junitCase.name,
    '@_classname': junitCase.classname,
    '@_time': seconds(junitCase.seconds),
    ...(junitCase.properties.length > 0 ? { properties: { property: junitCase.properties.map(toProperty) } } : {}),
    ...(junitCase.failure ? { failure: { '@_message': junitCase.failure.message, '@_type': junitCase.failure.type, '#text': junitCase.failure.body } } : {}),
    ...(junitCase.error ? { error: { '@_message': junitCase.error.message, '@_type': junitCase.error.type, '#text': junitCase.error.body } } : {}),
    ...(junitCase.skipped !== undefined ? { skipped: { '@_message': junitCase.skipped } } : {}),
    ...(junitCase.systemOut ? { 'system-out': junitCase.systemOut } : {}),
  };
}

function toProperty(property: { name: string; value: string }): Record<string, string> {
  return { '@_name': property.name, '@_value': property.value };
}

function seconds(value: number): string {
  return Math.max(0, value).toFixed(3);
}
