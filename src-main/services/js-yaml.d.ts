/**
 * js-yaml 4 ships no types: the two functions the update channel calls (`load` with its safe
 * default schema, `dump`), as its README describes them.
 */
declare module 'js-yaml' {
  interface YamlOptions {
    filename?: string;
    json?: boolean;
  }
  interface DumpOptions {
    lineWidth?: number;
    noRefs?: boolean;
    sortKeys?: boolean;
  }
  const yaml: {
    load(text: string, options?: YamlOptions): unknown;
    dump(value: unknown, options?: DumpOptions): string;
  };
  export default yaml;
}
