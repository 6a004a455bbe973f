import type { RealtimeInstruction } from '@alveole/core';
import { Rooms } from './rooms';
import { ServerEventName, ServerEventPayload } from './realtime-events';

/** Typed realtime instructions for domain events: what each context says sockets should get. */
export const Live = {
  /** Emits `event` to every socket in any of the rooms (once each). */
  emit<E extends ServerEventName>(
    rooms: string | string[],
    event: E,
    data: ServerEventPayload<E>,
  ): RealtimeInstruction {
    return { rooms: typeof rooms === 'string' ? [rooms] : rooms, event, data };
  },

  toUser<E extends ServerEventName>(userId: string, event: E, data: ServerEventPayload<E>): RealtimeInstruction {
    return Live.emit(Rooms.user(userId), event, data);
  },

  /** Takes every socket of the user, on every node, out of the sphere's rooms (removed, banned, demoted). */
  leaveSphere(userId: string, sphereId: string, onlyModeration = false): RealtimeInstruction {
    const leave = onlyModeration
      ? [Rooms.sphereModerators(sphereId)]
      : [Rooms.sphere(sphereId), Rooms.sphereModerators(sphereId)];
    return { userRoom: Rooms.user(userId), leave };
  },
};
