import { z } from 'zod';
import { IdSchema, IsoDateTime, OrganizationKindSchema } from './common.ts';

export const OrganizationSchema = z.object({
  id: IdSchema,
  code: z.string(),
  name: z.string(),
  kind: OrganizationKindSchema,
  createdAt: IsoDateTime,
});
export type Organization = z.infer<typeof OrganizationSchema>;

export const CreateOrganizationInput = z.object({
  code: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z0-9]{2,12}$/, 'code is 2 to 12 letters or digits'),
  name: z.string().trim().min(2).max(200),
  kind: OrganizationKindSchema,
});
export type CreateOrganizationInput = z.infer<typeof CreateOrganizationInput>;
