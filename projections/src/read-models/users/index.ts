export * from './user-login-view.entity';
export * from './users-projector';
