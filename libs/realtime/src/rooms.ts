export const REALTIME_NAMESPACE = '/realtime';

/** Room names shared by the gateway, the publisher and the worker's emitter. */
export const Rooms = {
  user: (userId: string) => `user:${userId}`,
  /** The sockets of one login (its refresh family, the access token's `sid`): logout ends these only. */
  session: (sessionId: string) => `session:${sessionId}`,
  sphere: (sphereId: string) => `sphere:${sphereId}`,
  /** The sphere's animators: pending posts and moderation events go there only. */
  sphereModerators: (sphereId: string) => `sphere:${sphereId}:moderators`,
};

/** Key prefix of the Socket.IO Redis adapter and emitter (they must agree). */
export function socketIoKey(redisPrefix: string): string {
  return `${redisPrefix}:socket.io`;
}
