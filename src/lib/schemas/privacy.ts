import { z } from 'zod';

/** Asking for deletion: the person ticks that they understand what it means. */
export const deletionRequestSchema = z.object({
	confirm: z.literal('on', { message: 'field_deletion_confirm' })
});

/** An administrator carries out one request. */
export const carryOutDeletionSchema = z.object({
	request_id: z.uuid({ message: 'field_deletion_request' })
});
