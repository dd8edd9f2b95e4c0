// What a diagnosis reads (the evidence gathered about one step) and what it says. The objects
// are API objects as the server returns them, read loosely: a field may be missing or of
// another type, and nothing here trusts it to be there.

/** An API object (pod, event, claim...) as JSON; read through the helpers of `read.ts`. */
export type ApiObject = Readonly<Record<string, unknown>>;

/** What one step did and what the cluster says about it. */
export interface StepEvidence {
  /** The step's command text (its first line names it in the evidence). */
  readonly command: string;
  readonly exitCode?: number;
  /** The end of the step's output (stdout and stderr as the terminal showed them). */
  readonly output?: string;
  readonly namespace?: string;
  /** Objects the step touched that are not healthy, with the reason the health check gave. */
  readonly unhealthy: readonly { readonly resource: string; readonly reason?: string }[];
  /** Pods of those objects (through their owner chains), claims, and events about any of them. */
  readonly pods: readonly ApiObject[];
  readonly claims: readonly ApiObject[];
  readonly events: readonly ApiObject[];
  /** Last log lines of the previous run of a crashing container: `pod/container` -> lines. */
  readonly logs: Readonly<Record<string, readonly string[]>>;
  /** True when a step of this course created `kind/name` (in this namespace) this session. */
  readonly createdByCourse: (resource: string, namespace: string | undefined) => boolean;
  /** The course step that creates `kind/name`, for a NotFound: `kubectl create ...` on "Slide title". */
  readonly stepCreating: (resource: string) => string | undefined;
}

export interface Evidence {
  /** `pod/web-5d4-x2x`, `deployment/web`, or `kubectl` for the command's own error. */
  readonly object: string;
  readonly text: string;
}

/** A command shown on a button, run only when clicked, exactly as shown. */
export interface SafeFix {
  readonly label: string;
  /** The kubectl arguments (without `kubectl`, context or namespace: the glue adds those). */
  readonly args: readonly string[];
  /** Where it runs: a terminal the learner watches, or quietly before the step runs again. */
  readonly then: 'terminal' | 'rerun';
}

export interface Diagnosis {
  /** `ImagePullBackOff`, `AlreadyExists`...: the `data-diagnosis` value. */
  readonly reason: string;
  /** The cause in one plain sentence. */
  readonly cause: string;
  readonly evidence: readonly Evidence[];
  /** What to do next, in one or two sentences. */
  readonly next: string;
  readonly fixes: readonly SafeFix[];
  /** Words to find the course's slides about it, most telling first. */
  readonly terms: readonly string[];
}

export type ReasonFamily = (evidence: StepEvidence) => Diagnosis[];
