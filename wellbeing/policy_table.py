"""Who may call each endpoint: the one table the access guard reads (wellbeing/access.py).

Every endpoint in app.url_map needs an entry; tests/web/test_access_matrix.py requests each one as
an anonymous visitor, the member who owns the data, another member of the same team, the team's
manager, another team's manager, HR, an administrator and the wellbeing contact, and checks the
answer against this table. Adding a route? Add its line here, in its blueprint's block:

    public()                        anyone; a secret in the URL may still be checked by the view
    signed_in()                     any signed-in person
    signed_in("manager")            signed-in people holding one of the roles (others: 403)
    signed_in("member", owner="self")     ...and only their own rows (anyone else's id: 404)
    signed_in("manager", owner="team")    ...and only their own team's rows (another team's: 404)
    api("member")                   the JSON API with a bearer token (none: 401, wrong role: 403)
"""
from wellbeing.access import api, public, signed_in

MEMBER = signed_in("member")
OWN = signed_in("member", owner="self")
MANAGER = signed_in("manager")
TEAM = signed_in("manager", owner="team")
HR = signed_in("hr")
ADMIN = signed_in("admin")
CONTACT = signed_in("wellbeing")

POLICY = {
    # Files and operations
    "static": public(),
    "plotly_js": public(),
    "ops.healthz": public(),
    "prometheus_metrics": public(),  # counters only, no personal data; keep it behind the proxy
    # Signing in, the account itself
    "auth.login": public(),
    "auth.logout": signed_in(),
    "auth.forgot_password": public(),
    "auth.reset_password": public(),  # the one-time secret in the URL is the credential
    "auth.account": signed_in(),
    "auth.change_password": signed_in(),
    "auth.end_all_sessions": signed_in(),
    "auth.end_session": signed_in(owner="self"),
    # Members: their own data only
    "member.resources": public(),  # help is never behind a sign-in
    "member.calendar_feed": public(),  # the secret in the URL is the credential
    "member.home": MEMBER,
    "member.notifications": signed_in(),
    "member.add_exposure": MEMBER,
    "member.exposures": MEMBER,
    "member.edit_exposure": OWN,
    "member.remove_exposure": OWN,
    "member.checkin": MEMBER,
    "member.checkins_list": MEMBER,
    "member.checkin_result": OWN,
    "member.checkin_reduced_load": OWN,
    "member.checkin_pause": OWN,
    "member.start_session": MEMBER,
    "member.current_session": MEMBER,
    "member.session_break": MEMBER,
    "member.stop_session": MEMBER,
    "member.session_done": OWN,
    "member.request_follow_up": OWN,
    "member.snooze_prompt": OWN,
    "member.my_data": MEMBER,
    "member.my_data_json": MEMBER,
    "member.my_data_csv": MEMBER,
    "member.my_data_delete": MEMBER,
    "member.settings_home": MEMBER,
    "member.settings_availability": MEMBER,
    "member.settings_leave_add": MEMBER,
    "member.settings_leave_delete": OWN,
    "member.settings_reduced_load": MEMBER,
    "member.settings_perspectives": MEMBER,
    "member.settings_categories": MEMBER,
    "member.settings_calendar": MEMBER,
    "member.settings_calendar_revoke": OWN,
    "member.tokens": MEMBER,
    "member.revoke": OWN,
    # Managers: their own team's weeks
    "manager.home": MANAGER,
    "manager.plan_week": MANAGER,
    "manager.rotation": TEAM,
    "manager.add_shift": TEAM,
    "manager.copy_demand": TEAM,
    "manager.demand_grid": TEAM,
    "manager.save_template": TEAM,
    "manager.delete_shift": TEAM,
    "manager.assignment": TEAM,
    "manager.generate": TEAM,
    "manager.job_status": TEAM,
    "manager.what_if": TEAM,
    "manager.publish": TEAM,
    "manager.reopen": TEAM,
    "manager.delete_rotation": TEAM,
    "manager.download_csv": TEAM,
    "manager.download_json": TEAM,
    # HR: aggregates only
    "hr.home": HR,
    "hr.export": HR,
    "hr.transparency_report": HR,
    "hr.transparency_csv": HR,
    # The wellbeing contact's inbox (nobody else, administrators included)
    "wellbeing.inbox": CONTACT,
    "wellbeing.request_detail": CONTACT,
    "wellbeing.mark_contacted": CONTACT,
    "wellbeing.close": CONTACT,
    # Administrators: configuration and accounts, never anyone's check-ins
    "admin.home": ADMIN,
    "admin.create_user": ADMIN,
    "admin.edit_user": ADMIN,
    "admin.reset_password": ADMIN,
    "admin.create_team": ADMIN,
    "admin.edit_category": ADMIN,
    "admin.audit": ADMIN,
    "admin.policy": ADMIN,
    "admin.instruments": ADMIN,
    "admin.resource_list": ADMIN,
    "admin.edit_resource": ADMIN,
    "admin.delete_resource": ADMIN,
    # The JSON API (bearer tokens)
    "api.openapi": public(),
    "api.post_exposures": api("member"),
    "api.get_exposures": api("member"),
    "api.get_dose": api("member"),
    "api.start_session": api("member"),
    "api.stop_session": api("member"),
}
