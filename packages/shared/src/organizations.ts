import { z } from 'zod';
import { IdSchema, IsoDateTime, OptionalText, OrganizationKindSchema } from './common.ts';

export const OrganizationSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  /** The name in Chinese, where it has one (上海港务局); the web shows it in zh-CN. */
  nameZh: z.string().nullable(),
  kind: OrganizationKindSchema,
  /** Its user accounts, active or not. */
  userCount: z.number().int().nonnegative(),
  createdAt: IsoDateTime,
});
export type Organization = z.infer<typeof OrganizationSchema>;

const OrganizationName = z.string().trim().min(2).max(200);

export const CreateOrganizationInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,12}$/, 'code is 2 to 12 letters or digits'),
  name: OrganizationName,
  nameZh: OptionalText(200),
  kind: OrganizationKindSchema,
});
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;

/**
 * A new name or Chinese name; the code and the kind stay (the code is what feeds and
 * imports name an organization by, the kind what its people may see). An empty `nameZh`
 * clears it.
 */
export const UpdateOrganizationInput = z.object({
  id: IdSchema,
  name: OrganizationName.optional(),
  nameZh: z
    .string()
    .trim()
    .max(200)
    .transform((value) => (value === '' ? null : value))
    .optional(),
});
export type UpdateOrganizationInput = z.infer<typeof UpdateOrganizationInput>;
