// Which cluster states Palette refuses to update: the plan's refusal and the cluster pickers read the same table.

interface BlockingStatus {
  status: string;
  /** Completes "store-043 is …". */
  reason: string;
  source: string;
}

const blockingStatuses: readonly BlockingStatus[] = [
  {
    status: 'provisioning',
    reason: 'still Provisioning; Palette cannot update a cluster until provisioning finishes',
    source: 'https://docs.spectrocloud.com/clusters/cluster-management/cluster-updates/#limitations',
  },
];

/** Why a cluster in `status` cannot be updated now, or undefined when it can. */
export function updateBlockedReason(status: string | undefined): string | undefined {
  const s = status?.toLowerCase();
  return blockingStatuses.find((b) => b.status === s)?.reason;
}
