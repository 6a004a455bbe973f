import { Session } from '../auth.service';
import { UserEntity } from '../user.entity';
import { SessionResponse, UserResponse } from './auth.dto';

export function toUserResponse(user: UserEntity): UserResponse {
  return {
    id: user.id,
    email: user.email,
    username: user.username,
    displayName: user.displayName,
    instanceRole: user.instanceRole,
  };
}

export function toSessionResponse(session: Session): SessionResponse {
  return { user: toUserResponse(session.user), accessToken: session.accessToken, refreshToken: session.refreshToken };
}
