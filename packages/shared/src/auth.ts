import { z } from 'zod';
import { IdSchema, OrganizationKindSchema, RoleSchema } from './common.ts';

export const LoginInput = z.object({
  // 254: the longest address SMTP carries (RFC 5321); longer is no one's, only a load to count.
  email: z.email().trim().toLowerCase().max(254),
  password: z.string().min(1, 'password is required').max(200),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const SessionUserSchema = z.object({
  id: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  locale: z.string(),
  organization: z.object({
    id: IdSchema,
    code: z.string(),
    name: z.string(),
    kind: OrganizationKindSchema,
  }),
});
export type SessionUser = z.infer<typeof SessionUserSchema>;
