import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { reportBody, reportDocument } from './handover-report';
import type { HandoverReport } from './recommendations';

const title = 'Flere <b>hænder</b>';
const body = 'Første afsnit.\n\n<script>alert(1)</script><img src=x onerror=alert(2)>';
const sha = createHash('sha256').update(`# ${title}\n\n${body}`, 'utf8').digest('hex');

const report: HandoverReport = {
	assembly: {
		id: 'a',
		title: 'Borgersamling <script>',
		charge: 'Opdrag & ansvar',
		municipality: 'Hedensted Kommune',
		phase: 'handed_over',
		handover_on: '2027-03-15',
		threshold_pct: 75,
		base: 'cast'
	},
	selection: {
		invitations: 2000,
		registrations: 180,
		members: 36,
		draw: null,
		sessions: [{ title: 'Første møde', starts_at: '2026-10-01T15:00:00Z', present: 30 }]
	},
	recommendations: [
		{
			id: 'r',
			number: 1,
			kind: 'method',
			status: 'adopted',
			working_group_id: null,
			working_group: 'Ældre og sundhed',
			title,
			version: 2,
			updated_at: '2026-11-01T10:00:00Z',
			frozen_version: 2,
			frozen_at: '2026-11-02T10:00:00Z',
			frozen_sha256: sha,
			handed_over_at: '2027-03-15T10:00:00Z',
			vote: {
				opened_at: '2026-11-01T10:00:00Z',
				closed_at: '2026-11-01T11:00:00Z',
				support: 2,
				accept: 1,
				oppose: 1,
				present: null,
				adopted: true,
				threshold_pct: 75,
				base: 'cast'
			},
			text: {
				title,
				body_md: body,
				rationale_md: '',
				amount_mio: -1.5,
				criteria: [
					{ name: 'Pris', weight: 3 },
					{ name: 'Effekt', weight: 1 }
				],
				evidence: [],
				welfare_areas: ['Social omsorg'],
				sha256: sha
			},
			statements: [{ body: 'Vi er uenige <i>helt</i>.', signers: 3 }]
		}
	],
	audit_head: null
};

describe('the handover report', () => {
	const html = reportBody(report, 'da');

	it('escapes every value and neutralises script in the Markdown', () => {
		expect(html).not.toMatch(/<script|onerror|<img|<b>|<i>/);
		expect(html).toContain('Flere &lt;b&gt;hænder&lt;/b&gt;');
		expect(html).toContain('Opdrag &amp; ansvar');
		expect(reportDocument(report, 'da')).toContain(
			'<title>Overleveringsrapport · Borgersamling &lt;script&gt;</title>'
		);
	});

	it('shows the vote, the minority statement, the criteria and the hash of the frozen text', () => {
		expect(html).toContain('Støtter: 2 · Kan leve med: 1 · Støtter ikke: 1');
		expect(html).toContain('75 % støtter eller kan leve med');
		expect(html).toContain('Mindretalsudtalelse (underskrevet af 3)');
		expect(html).toContain('<td>Pris</td><td>3</td>');
		expect(html).toContain(`SHA-256: <span class="hash">${sha}</span>`);
		expect(html).toContain('30 / 36');
	});
});
