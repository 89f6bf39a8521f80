import { SetMetadata } from '@nestjs/common';
import type { Role } from './principal';

export const ROLES = Symbol('roles');
export const PUBLIC = Symbol('public');

/** The role a route needs on top of an identity. `admin` routes also take the ADMIN_TOKEN machine credential. */
export const Roles = (role: Role) => SetMetadata(ROLES, role);

/** Served to anyone, identity or not: health, metrics, the dashboard's static files. */
export const Public = () => SetMetadata(PUBLIC, true);
