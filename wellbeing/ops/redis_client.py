"""One Redis connection per app, opened on first use, when REDIS_URL is configured."""
from flask import Flask
from redis import Redis


def redis_for(app: Flask) -> Redis | None:
    """The app's Redis connection, or None in the embedded setup (no REDIS_URL)."""
    url = app.config.get("REDIS_URL")
    if not url:
        return None
    cached = app.extensions.get("rotawell_redis")
    if cached is None or cached[0] != url:
        cached = (url, Redis.from_url(url, socket_connect_timeout=2, socket_timeout=5))
        app.extensions["rotawell_redis"] = cached
    return cached[1]
