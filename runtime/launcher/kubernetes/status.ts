// What the cluster says about a service: its Deployment's rollout and its pods' containers, as a runtime status.
import type { Deployment } from "kubernetes-types/apps/v1.js";
import type { ContainerStatus, Pod } from "kubernetes-types/core/v1.js";
import type { ServiceStatus } from "../types.js";
import { LABEL } from "./manifests.js";

export interface ClusterStatus { status: ServiceStatus; error?: string; restarts: number }

/** Waiting reasons that will not fix themselves without a change (an image, a config, the code). */
const STUCK = new Set(["CrashLoopBackOff", "ErrImagePull", "ImagePullBackOff", "InvalidImageName", "CreateContainerConfigError", "CreateContainerError", "RunContainerError"]);

function containerError(c: ContainerStatus, init: boolean): string | undefined {
  const waiting = c.state?.waiting;
  if (waiting?.reason && STUCK.has(waiting.reason)) {
    const last = c.lastState?.terminated;
    const exit = last ? ` (last exit ${last.exitCode}${last.reason ? ` ${last.reason}` : ""})` : "";
    return `${init ? `${c.name} step` : "service"}: ${waiting.reason}${exit}${waiting.message ? `: ${waiting.message}` : ""}`;
  }
  const term = c.state?.terminated;
  if (init && term && term.exitCode !== 0) return `${c.name} step failed with exit ${term.exitCode}`;
  return undefined;
}

/** Status of the service whose Deployment is `deploy` (undefined: not in the cluster), from its pods. */
export function clusterStatus(deploy: Deployment | undefined, pods: Pod[]): ClusterStatus {
  if (!deploy) return { status: "pending", restarts: 0, error: "not found in the cluster" };
  const restarts = pods.reduce((n, p) => n + (p.status?.containerStatuses ?? []).reduce((m, c) => m + c.restartCount, 0), 0);
  const errors = pods.flatMap((p) => [
    ...(p.status?.initContainerStatuses ?? []).map((c) => containerError(c, true)),
    ...(p.status?.containerStatuses ?? []).map((c) => containerError(c, false)),
  ]).filter((e): e is string => Boolean(e));
  const want = deploy.spec?.replicas ?? 1;
  const s = deploy.status ?? {};
  const rolledOut = (s.observedGeneration ?? 0) >= (deploy.metadata?.generation ?? 0) && (s.updatedReplicas ?? 0) >= want;
  if (rolledOut && (s.availableReplicas ?? 0) >= want && want > 0) return { status: "running", restarts };
  if (errors.length) return { status: "error", error: errors[0], restarts };
  const failed = (s.conditions ?? []).find((c) => (c.type === "Progressing" && c.reason === "ProgressDeadlineExceeded") || (c.type === "ReplicaFailure" && c.status === "True"));
  if (failed) return { status: "error", error: failed.message ?? failed.reason ?? failed.type, restarts };
  const building = pods.some((p) => (p.status?.initContainerStatuses ?? []).some((c) => !c.state?.terminated));
  return { status: building ? "building" : "starting", restarts };
}

/** Splits `kubectl get deploy,pods -o json` into each Deployment with its pods (matched on the micro.mu/name label). */
export function groupByService(items: Array<Deployment | Pod>): Map<string, { deploy: Deployment; pods: Pod[] }> {
  const out = new Map<string, { deploy: Deployment; pods: Pod[] }>();
  for (const item of items) {
    if (item.kind === "Deployment" && item.metadata?.name) out.set(item.metadata.name, { deploy: item as Deployment, pods: [] });
  }
  const byLabel = new Map([...out.values()].map((v) => [v.deploy.metadata?.labels?.[LABEL.name], v]));
  for (const item of items) {
    if (item.kind !== "Pod") continue;
    byLabel.get(item.metadata?.labels?.[LABEL.name])?.pods.push(item as Pod);
  }
  return out;
}
