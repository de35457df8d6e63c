export declare function packageName(specifier: string): string;
export declare function importsOf(text: string): string[];
export declare function importSites(text: string): { spec: string; pos: number }[];
export declare function loadsOf(text: string): { urls: string[]; resolved: string[] };
export interface ImportSite { ext: ".js" | ".d.ts"; spec: string; pos?: number; url?: boolean; target?: string; package?: string }
export declare function importGraph(root: string, entries: string[]): Map<string, ImportSite[]>;
