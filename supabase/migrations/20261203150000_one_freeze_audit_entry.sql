-- Two migrations written side by side both audited a freeze: the recommendations work's trigger
-- (recommendation.frozen on update) and the audit migration's (recommendation.frozen and
-- .handed_over, on insert too). One entry per freeze: keep the audit migration's trigger.
drop trigger audit_recommendation_frozen on app.recommendations;
drop function private.audit_recommendation_frozen();
