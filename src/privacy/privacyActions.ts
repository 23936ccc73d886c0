import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { deleteMemberData, describeMemberData, eraseFromFiles, type MemberData } from './memberData.js';
import { pruneExpired, type Pruned } from './retention.js';

/** What members and operators can do with what feudbot keeps about people. */
export interface PrivacyActions {
  /** Days questions, answers and votes are kept; 0: no question text at all. */
  readonly retentionDays: number;
  memberData(userId: string): MemberData;
  /** Delete everything that holds the member's id or questions; returns what there was. */
  deleteMemberData(userId: string): MemberData;
  /** Delete what is older than the retention period (daily and at start-up). */
  pruneExpired(): Pruned;
}

export function createPrivacyActions(db: Db, logger: Logger, retentionDays: number): PrivacyActions {
  return {
    retentionDays,
    memberData: (userId) => describeMemberData(db, userId),
    deleteMemberData(userId) {
      const deleted = deleteMemberData(db, userId);
      const erased = eraseFromFiles(db);
      // Counts only: neither the member's id nor anything they wrote goes to the log.
      logger.info({ deleted, erased }, "a member's data was deleted at their request");
      return deleted;
    },
    pruneExpired() {
      const pruned = pruneExpired(db, retentionDays);
      if (Object.values(pruned).some((n) => n > 0)) {
        const erased = eraseFromFiles(db);
        logger.info({ pruned, retentionDays, erased }, 'expired data deleted');
      }
      return pruned;
    },
  };
}
