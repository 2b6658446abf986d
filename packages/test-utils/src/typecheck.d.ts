import type ts from "typescript";

/** One program type-checking every source (absolute file name → code) as an ES module against the workspace packages' sources. */
export function workspaceProgram(sources: Map<string, string>): ts.Program;
/** The type errors of a program (of one of its files, if named), each as "file: message". */
export function typeErrors(program: ts.Program, fileName?: string): string[];
