/** The handover report's styles, shared by the report page and the PDF. */
export const REPORT_CSS = `
.report { max-width: 48rem; margin: 0 auto; color: #111; }
.report h1 { font-size: 1.8rem; margin: 0 0 0.5rem; }
.report h2 { font-size: 1.3rem; margin: 1.5rem 0 0.5rem; border-bottom: 1px solid #999; }
.report h3 { font-size: 1.1rem; margin: 1rem 0 0.25rem; }
.report .hash { font-family: 'DejaVu Sans Mono', monospace; font-size: 0.8rem; word-break: break-all; }
.report table { border-collapse: collapse; margin: 0.5rem 0; }
.report th, .report td { border: 1px solid #999; padding: 0.2rem 0.5rem; text-align: left; }
.report .bar { vertical-align: middle; fill: #1f4e79; }
.report .recommendation { break-inside: avoid-page; border-top: 2px solid #111; margin-top: 1.5rem; padding-top: 0.5rem; }
.report .statement { border-left: 4px solid #777; padding-left: 0.75rem; margin: 0.5rem 0; }
@media print { .report { max-width: none; } .report h2 { break-after: avoid-page; } }
`;
