/** The latest entry of an assembly's part of the audit chain, as `api.audit_head` returns it. */
export interface AuditHead {
	seq: number;
	hash: string;
	at: string;
	action: string;
}
