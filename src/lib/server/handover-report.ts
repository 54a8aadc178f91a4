/**
 * The handover report as one self-contained HTML document: the page shows its body, and
 * rapport.pdf prints the whole document with Chromium (src/lib/server/pdf.ts). Every value is
 * escaped; Markdown goes through the sanitising renderer.
 */
import { formatDate, formatDateTime, formatMio } from '$lib/format';
import { m } from '$lib/paraglide/messages.js';
import type { Locale } from '$lib/format';
import { shareInFavour } from '$lib/recommendations/adoption';
import { renderMarkdown } from './markdown';
import { REPORT_CSS } from '$lib/recommendations/report-css';
import type { HandoverReport } from './recommendations';

const escapeHtml = (value: string) =>
	value
		.replaceAll('&', '&amp;')
		.replaceAll('<', '&lt;')
		.replaceAll('>', '&gt;')
		.replaceAll('"', '&quot;')
		.replaceAll("'", '&#39;');

/** The report's body (everything inside <main>). */
export function reportBody(report: HandoverReport, locale: Locale): string {
	const t = { locale };
	const { assembly, selection } = report;
	const parts: string[] = [];
	parts.push(`<h1>${escapeHtml(m.rec_report_heading({}, t))}</h1>`);
	parts.push(
		`<p><strong>${escapeHtml(assembly.title)}</strong> · ${escapeHtml(assembly.municipality)}</p>`
	);
	if (assembly.handover_on) {
		parts.push(
			`<p>${escapeHtml(m.rec_report_handed_over_on({ date: formatDate(assembly.handover_on, locale) }, t))}</p>`
		);
	}
	parts.push(
		`<h2>${escapeHtml(m.rec_report_charge({}, t))}</h2><p>${escapeHtml(assembly.charge)}</p>`
	);

	parts.push(`<h2>${escapeHtml(m.rec_report_selection({}, t))}</h2>`);
	if (selection) {
		parts.push(
			`<p>${escapeHtml(
				m.rec_report_selection_text(
					{
						invitations: selection.invitations,
						registrations: selection.registrations,
						members: selection.members
					},
					t
				)
			)}</p>`
		);
		if (selection.draw) {
			parts.push(
				`<p>${escapeHtml(m.rec_report_draw({ date: formatDateTime(selection.draw.drawn_at, locale) }, t))}</p>` +
					`<p>${escapeHtml(m.rec_report_draw_commitment({}, t))}: <span class="hash">${escapeHtml(selection.draw.commitment_hash)}</span></p>`
			);
		} else {
			parts.push(`<p>${escapeHtml(m.rec_report_no_draw({}, t))}</p>`);
		}
		parts.push(`<h2>${escapeHtml(m.rec_report_participation({}, t))}</h2>`);
		if (selection.sessions.length === 0) {
			parts.push(`<p>${escapeHtml(m.rec_report_no_sessions({}, t))}</p>`);
		} else {
			parts.push(
				`<table><caption>${escapeHtml(m.rec_report_participation({}, t))}</caption><thead><tr><th scope="col">${escapeHtml(m.rec_report_session({}, t))}</th><th scope="col">${escapeHtml(m.rec_report_present({}, t))}</th></tr></thead><tbody>` +
					selection.sessions
						.map(
							(s) =>
								`<tr><td>${escapeHtml(formatDate(s.starts_at.slice(0, 10), locale))} · ${escapeHtml(s.title)}</td><td>${s.present} / ${selection.members}</td></tr>`
						)
						.join('') +
					'</tbody></table>'
			);
		}
	}

	parts.push(`<h2>${escapeHtml(m.rec_report_recommendations({}, t))}</h2>`);
	parts.push(
		`<p>${escapeHtml(
			m.rec_report_rule(
				{
					threshold: assembly.threshold_pct,
					base: assembly.base === 'present' ? m.rec_base_present({}, t) : m.rec_base_cast({}, t)
				},
				t
			)
		)}</p>`
	);
	parts.push(`<p>${escapeHtml(m.rec_report_hash_explained({}, t))}</p>`);
	for (const r of report.recommendations) {
		const text = r.text;
		const vote = r.vote;
		parts.push(`<section class="recommendation">`);
		parts.push(`<h3>${r.number}. ${escapeHtml(text.title)}</h3>`);
		parts.push(
			`<p><strong>${escapeHtml(r.status === 'adopted' ? m.rec_status_adopted({}, t) : m.rec_status_not_adopted({}, t))}</strong>` +
				(r.working_group ? ` · ${escapeHtml(r.working_group)}` : '') +
				(text.welfare_areas.length ? ` · ${text.welfare_areas.map(escapeHtml).join(', ')}` : '') +
				(text.amount_mio !== null ? ` · ${escapeHtml(formatMio(text.amount_mio, locale))}` : '') +
				'</p>'
		);
		parts.push(renderMarkdown(text.body_md));
		if (r.kind === 'method' && text.criteria.length > 0) {
			const total = text.criteria.reduce((sum, c) => sum + c.weight, 0);
			parts.push(
				`<table><caption>${escapeHtml(m.rec_criteria({}, t))}</caption><thead><tr><th scope="col">${escapeHtml(m.rec_criterion({}, t))}</th><th scope="col">${escapeHtml(m.rec_weight({}, t))}</th><th scope="col">%</th></tr></thead><tbody>` +
					text.criteria
						.map((c) => {
							const pct = total > 0 ? (c.weight * 100) / total : 0;
							return `<tr><td>${escapeHtml(c.name)}</td><td>${c.weight}</td><td><svg class="bar" width="${(pct * 1.5).toFixed(0)}" height="11" aria-hidden="true"><rect width="100%" height="100%" /></svg> ${pct.toFixed(0)} %</td></tr>`;
						})
						.join('') +
					'</tbody></table>'
			);
		}
		if (text.rationale_md) {
			parts.push(
				`<p><strong>${escapeHtml(m.rec_rationale({}, t))}</strong></p>${renderMarkdown(text.rationale_md)}`
			);
		}
		if (text.evidence.length) {
			parts.push(
				`<p><strong>${escapeHtml(m.rec_evidence({}, t))}</strong></p><ul>` +
					text.evidence
						.map((e) => `<li>${escapeHtml(e.label)} (${escapeHtml(e.url)})</li>`)
						.join('') +
					'</ul>'
			);
		}
		if (vote && vote.closed_at) {
			const counts = {
				support: vote.support ?? 0,
				accept: vote.accept ?? 0,
				oppose: vote.oppose ?? 0,
				present: vote.present
			};
			const share = shareInFavour(counts, vote.base);
			parts.push(
				`<p>${escapeHtml(
					m.rec_vote_counts(
						{ support: counts.support, accept: counts.accept, oppose: counts.oppose },
						t
					)
				)}${share === null ? '' : ` · ${escapeHtml(m.rec_vote_share({ share: share.toLocaleString(locale === 'da' ? 'da-DK' : 'en-GB', { maximumFractionDigits: 1 }) }, t))}`}</p>`
			);
		}
		for (const statement of r.statements) {
			parts.push(
				`<div class="statement"><p><strong>${escapeHtml(m.rec_statement_heading({ count: statement.signers }, t))}</strong></p><p>${escapeHtml(statement.body)}</p></div>`
			);
		}
		if (r.frozen_sha256) {
			parts.push(
				`<p>${escapeHtml(m.rec_frozen_version({ version: r.frozen_version ?? 0 }, t))} · SHA-256: <span class="hash">${escapeHtml(r.frozen_sha256)}</span></p>`
			);
		} else {
			parts.push(`<p>${escapeHtml(m.rec_not_frozen({}, t))}</p>`);
		}
		parts.push('</section>');
	}
	if (report.audit_head) {
		parts.push(
			`<h2>${escapeHtml(m.rec_report_audit({}, t))}</h2><p>${escapeHtml(m.rec_report_audit_text({ seq: report.audit_head.seq }, t))}: <span class="hash">${escapeHtml(report.audit_head.hash)}</span></p>`
		);
	}
	return parts.join('\n');
}

/** The whole document for the PDF. */
export function reportDocument(report: HandoverReport, locale: Locale): string {
	const title = `${m.rec_report_heading({}, { locale })} · ${report.assembly.title}`;
	return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8" />
<title>${escapeHtml(title)}</title>
<style>
@page { size: A4; margin: 18mm 16mm; }
body { margin: 0; font-family: 'DejaVu Sans', 'Liberation Sans', Arial, sans-serif; font-size: 11pt; line-height: 1.4; color: #111; background: #fff; }
${REPORT_CSS}
</style>
</head>
<body>
<main class="report">
${reportBody(report, locale)}
</main>
</body>
</html>`;
}
