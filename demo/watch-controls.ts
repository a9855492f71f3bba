/**
 * Demo controls of the permission watch (#27), not part of the app: run the daily check now (the
 * local Forge runtime's scheduled trigger, then the async events it queues) and make a permission
 * change in the simulated site for the watch to catch.
 */
import type { LocalForgeRuntime } from '../local-forge';
import { listProfiles } from '../src/history/profiles';
import { queueProfileRun } from '../src/resolvers/watch-run';
import type { World } from '../simulator';
import { projectByKey, ROLE } from '../simulator/builders';
import { GROUP } from '../simulator/worlds/scenarios';

export interface DemoChange {
  id: string;
  /** What the control does, as a Jira admin would say it. */
  label: string;
  applied: boolean;
}

export interface DailyCheckSummary {
  /** Profiles re-checked: the ones the hourly trigger started, then the rest. */
  profiles: number;
  /** Of those, the ones the hourly trigger started itself (their hour, overdue or new). */
  byTrigger: number;
  /** Event deliveries (one per profile to start, one per batch of projects). */
  deliveries: number;
  /** Deliveries that failed (the consumer threw or ran out of time). */
  failed: number;
}

export interface WatchControls {
  changes(): DemoChange[];
  setChange(id: string, applied: boolean): DemoChange;
  runDailyCheck(): Promise<DailyCheckSummary>;
  /** Delivers what a resolver queued (e.g. "Run now"), in the background, as the platform does. */
  deliverQueued(): void;
  /** Waits for a background delivery to finish (closing the demo). */
  idle(): Promise<void>;
}

/** The sync user (Sync Bot) is in SYNC's Developers role through this group. */
const SYNC_ROLE_CHANGE = 'sync-role';

export function createWatchControls(world: World, runtime: LocalForgeRuntime): WatchControls {
  const developers = () =>
    projectByKey(world, 'SYNC').roles.find((r) => r.id === ROLE.developers.id);
  const roleRemoved = () => !(developers()?.actors.groups.includes(GROUP.software) ?? false);
  let delivering: Promise<unknown> = Promise.resolve();
  const deliver = () => {
    delivering = delivering
      .then(() => runtime.deliverEvents({ ignoreDelays: true }))
      .catch((err: unknown) => console.error('demo: event delivery failed:', err));
    return delivering;
  };
  return {
    changes: () => [
      {
        id: SYNC_ROLE_CHANGE,
        label: `Remove the sync user's group (${GROUP.software}) from the Developers role of SYNC`,
        applied: roleRemoved(),
      },
    ],
    setChange(id, applied) {
      if (id !== SYNC_ROLE_CHANGE) throw new Error(`Unknown demo change ${id}`);
      const role = developers();
      if (!role) throw new Error('SYNC has no Developers role in the demo site');
      const groups = role.actors.groups.filter((g) => g !== GROUP.software);
      role.actors.groups = applied ? groups : [...groups, GROUP.software];
      return this.changes()[0] as DemoChange;
    },
    async runDailyCheck() {
      await delivering;
      // The hourly trigger starts the profiles due this hour (docs/watch.md); the demo's "a day
      // has passed" starts the others as their own hour would, the way "Run now" does.
      await runtime.runScheduledTrigger('watchDaily');
      const started = new Set(
        runtime
          .pendingEvents()
          .filter((e) => e.body.kind === 'start')
          .map((e) => String(e.body.profileId)),
      );
      const rest = await runtime.within('', async () => {
        const others = (await listProfiles()).filter((p) => !started.has(p.id));
        for (const p of others) await queueProfileRun(p.id);
        return others.length;
      });
      const profiles = started.size + rest;
      const deliveries = await runtime.deliverEvents({ ignoreDelays: true });
      return {
        profiles,
        byTrigger: started.size,
        deliveries: deliveries.length,
        failed: deliveries.filter((d) => d.outcome === 'failed').length,
      };
    },
    deliverQueued() {
      if (runtime.pendingEvents().length > 0) void deliver();
    },
    idle: () => delivering.then(() => undefined),
  };
}
