import { describe, expect, it } from 'vitest';
import { composeCouncilMail, subscriptionConfirmMail } from './council-mails';

const round = {
	assembly_id: 'a55e0b1e-0000-4000-8000-000000000003',
	assembly_title: 'Borgersamlingen om klima og natur 2025–26',
	round_id: 'r1',
	round_kind: 'twelve_months',
	due_on: '2027-08-20',
	counts: { followed: 1, pending: 1 }
};

describe('council mails', () => {
	it('gives subscribers a one-click unsubscribe (RFC 8058) and members none', () => {
		const subscriber = composeCouncilMail(
			{
				id: 'm1',
				email: 'presse@example.dk',
				full_name: '',
				kind: 'response_round_published',
				payload: { ...round, audience: 'subscriber', unsubscribe_token: 'abc.def' }
			},
			'https://samraad.example'
		)!;
		expect(subscriber.headers).toEqual({
			'List-Unsubscribe': '<https://samraad.example/abonnement/afmeld/et-klik?t=abc.def>',
			'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click'
		});
		expect(subscriber.text).toContain('/abonnement/afmeld?t=abc.def');
		expect(subscriber.text).toContain('Fulgt: 1');
		const member = composeCouncilMail(
			{
				id: 'm2',
				email: 'klima01@demo.samraad.dk',
				full_name: 'Anna',
				kind: 'response_round_published',
				payload: { ...round, audience: 'member' }
			},
			'https://samraad.example'
		)!;
		expect(member.headers).toBeUndefined();
		expect(member.text).toContain('Kære Anna');
		expect(member.text).toContain('status efter 12 måneder');
	});
	it('reminds the secretariat before the due date and when overdue', () => {
		const overdue = composeCouncilMail(
			{
				id: 'm3',
				email: 'klima-byraad@demo.samraad.dk',
				full_name: 'Peter Dahl',
				kind: 'response_reminder',
				payload: { ...round, reminder: 'overdue', days: 1 }
			},
			'https://samraad.example'
		)!;
		expect(overdue.subject).toMatch(/^Overskredet/);
		expect(overdue.text).toContain('20. august 2027');
	});
	it('sends the confirmation link, not the token anywhere else', () => {
		const mail = subscriptionConfirmMail('a@example.dk', 'Klima', 'tok_en', 'https://x.example');
		expect(mail.text).toContain('https://x.example/abonnement/bekraeft?t=tok_en');
		expect(mail.subject).not.toContain('tok_en');
	});
});
