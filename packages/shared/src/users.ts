import { z } from 'zod';
import { IdSchema, IsoDateTime, PageInput, RoleSchema } from './common.ts';

export const UserSchema = z.object({
  id: IdSchema,
  organizationId: IdSchema,
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  isActive: z.boolean(),
  locale: z.string(),
  lastLoginAt: IsoDateTime.nullable(),
  createdAt: IsoDateTime,
});
export type User = z.infer<typeof UserSchema>;

export const LocaleSchema = z.enum(['en', 'zh-CN']);

/** At least 10 characters: long passphrases beat composition rules (NIST SP 800-63B). */
export const NewPasswordSchema = z.string().min(10, 'at least 10 characters').max(200);

export const ListUsersInput = PageInput.extend({
  organizationId: IdSchema.optional(),
});

export const CreateUserInput = z.object({
  organizationId: IdSchema,
  email: z.email().trim().toLowerCase(),
  name: z.string().trim().min(1).max(200),
  role: RoleSchema,
  password: NewPasswordSchema,
  locale: LocaleSchema.default('en'),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z.object({
  id: IdSchema,
  name: z.string().trim().min(1).max(200).optional(),
  role: RoleSchema.optional(),
  isActive: z.boolean().optional(),
  locale: LocaleSchema.optional(),
  password: NewPasswordSchema.optional(),
});
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;
