"""Rotawell: exposure tracking, check-ins and capped rotations for AI red teams."""
import os

from flask import Flask


def create_app(config=None) -> Flask:
    """Build the app: load config, bind extensions, register blueprints, commands and errors.

    `config` may be a mapping of overrides (tests) or the name of a configuration class.
    """
    app = Flask(__name__, instance_relative_config=True,
                template_folder="../templates", static_folder="../static")
    _load_config(app, config)
    _trust_proxies(app)
    _register_extensions(app)
    from wellbeing import input_guard
    input_guard.register(app)  # before the blueprints: their `<int:>` routes take its bounded converter
    _register_blueprints(app)
    from wellbeing.access import register_access
    register_access(app)
    _register_commands(app)
    from wellbeing.errors import register_error_handlers
    register_error_handlers(app)
    from wellbeing.views import register_template_helpers
    register_template_helpers(app)
    from wellbeing.headers import register_headers
    register_headers(app)
    from wellbeing.assets import register_assets
    register_assets(app)
    from wellbeing.notification_badge import register as register_notification_badge
    register_notification_badge(app)
    from wellbeing.ops import register_operations
    register_operations(app)
    return app


def _load_config(app: Flask, config) -> None:
    from config import load_config
    os.makedirs(app.instance_path, exist_ok=True)
    name = config if isinstance(config, str) else None
    if isinstance(config, dict) and config.get("TESTING"):
        name = "testing"
    app.config.from_object(load_config(app.instance_path, name))
    if isinstance(config, dict):
        app.config.update(config)


def _trust_proxies(app: Flask) -> None:
    """Take the client's address, scheme and host from the proxies' X-Forwarded-* headers, only as many
    hops as TRUSTED_PROXIES says: the sign-in limits then count people, not the proxy."""
    hops = app.config.get("TRUSTED_PROXIES", 0)
    if hops:
        from werkzeug.middleware.proxy_fix import ProxyFix
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=hops)


def _register_extensions(app: Flask) -> None:
    from wellbeing.extensions import csrf, db, limiter, login_manager, migrate
    db.init_app(app)
    migrate.init_app(app, db, render_as_batch=True, directory=os.path.join(os.path.dirname(app.root_path), "migrations"))
    csrf.init_app(app)
    limiter.init_app(app)
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = "Please sign in to see that page."
    from wellbeing.auth import guard  # registers the user and remember-cookie loaders
    guard.register(app)


def _register_blueprints(app: Flask) -> None:
    from wellbeing.admin import bp as admin_bp
    from wellbeing.api import bp as api_bp
    from wellbeing.auth.routes import bp as auth_bp
    from wellbeing.contact import bp as wellbeing_bp
    from wellbeing.hr.routes import bp as hr_bp
    from wellbeing.manager import bp as manager_bp
    from wellbeing.member import bp as member_bp
    for bp in (auth_bp, member_bp, manager_bp, hr_bp, admin_bp, api_bp, wellbeing_bp):
        app.register_blueprint(bp)


def _register_commands(app: Flask) -> None:
    from wellbeing.cli import register_commands
    register_commands(app)
