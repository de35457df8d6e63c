export declare function packageName(specifier: string): string;
export declare function importsOf(text: string): string[];
export declare function closure(root: string, entries: string[]): { modules: string[]; packages: string[] };
