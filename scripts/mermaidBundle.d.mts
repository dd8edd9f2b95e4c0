// Types of scripts/mermaidBundle.mjs for the unit tests.
import type { Plugin } from 'esbuild';

export declare const DRAWN_DIAGRAMS: Record<string, string>;
export declare const LAZY_PARTS: Record<string, 'keep' | { use: string } | string>;
export declare function notDrawnReason(ids: string[]): string;
export declare function diagramChunks(coreText: string): Map<string, string[]>;
export declare function mermaidOnlyDrawn(options?: { mermaidDir?: string }): Plugin;
