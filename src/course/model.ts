// The course as the engine reads it: plain data, no rendering, no `vscode`.

/** Something wrong in the input, with where it was found. Never fatal. */
export interface Problem {
  /** Path of the file, relative to the course root where possible. */
  file: string;
  /** 1-based line, 0 when the problem concerns the whole file. */
  line: number;
  message: string;
  severity: 'error' | 'warning';
}

/** One fenced block inside a `.lab[...]` (or `.exercise[...]`). */
export interface LabSnippet {
  /** The fence's info string (`bash`, `key`, `wait`, ...); empty when there is none. */
  method: string;
  /** The text after the method, as written (one-line form) or the block's lines. */
  data: string;
  /** True when the fence sits inside an HTML comment: replay only, never shown. */
  hidden: boolean;
  /** 1-based line of the opening fence in its file. */
  line: number;
  /** 1-based line of the data's first line (the fence's line for one-line fences, the next line otherwise). */
  dataLine?: number;
}

export interface Lab {
  /** 1-based line of `.lab[` in its file. */
  line: number;
  snippets: LabSnippet[];
  /** Why the reader does not show this lab (`inside <div class="debug">`): then nothing of it runs. */
  hiddenBy?: string;
}

export interface Slide {
  /** Position in the whole course (0-based, after exclusions). */
  index: number;
  /** File the slide comes from (relative to the course root) and its first line. */
  file: string;
  line: number;
  classes: string[];
  /** Classes of each step when a step (`--`) sets its own (`class: extra-details`); else absent. */
  stepClasses?: string[][];
  name?: string;
  /** Markdown of each increment (`--` separated), `@@` strings already resolved, notes removed. */
  increments: string[];
  /** Presenter notes (after `???`), not shown by default. */
  notes?: string;
  /** First heading of the slide, for search results and titles. */
  title: string;
  labs: Lab[];
}

export interface Chapter {
  title: string;
  /** `toc-...` anchor as the upstream tools make it. */
  anchor: string;
  /** File of the chapter's first slide (relative to the course root); inline fragments say `<inline>`. */
  file: string;
  slides: Slide[];
  /** No `# ` heading starts it (a title slide, an inline part slide): the builder's `@@TOC@@` leaves it out. */
  untitled?: boolean;
}

export interface Part {
  /** Empty for top-level sections, which the table of contents does not list. */
  title: string;
  chapters: Chapter[];
}

export interface Course {
  title: string;
  /** Absolute path of the manifest or markdown file that was loaded. */
  source: string;
  /** Folder that relative paths (chapters) resolve against. */
  baseDir: string;
  /** Folder that `@@INCLUDE`/`@@LINK` resolve against (the manifest's parent). */
  repoRoot: string;
  /** The only folder the course may read from (see `findCourseRoot`). */
  root: string;
  parts: Part[];
  problems: Problem[];
  /** Number of slides over all chapters. */
  slideCount: number;
  /** False when the source itself could not be read (missing, binary, not a course). */
  readable: boolean;
}

export interface FileInfo {
  kind: 'file' | 'folder' | 'other';
  size: number;
}

/** Reads files for the engine, so tests and other hosts can substitute the file system. */
export interface CourseFileSystem {
  /** The path with every symlink followed; throws ENOENT and the like. */
  realpath(path: string): string;
  /** What `path` is (symlinks followed); throws ENOENT and the like. */
  stat(path: string): FileInfo;
  /** The bytes of a regular file of at most `maxBytes`; throws otherwise (EFBIG, ENOTREG, ENOENT...). */
  readFile(path: string, maxBytes: number): Uint8Array;
  exists(path: string): boolean;
}
