"""Read settings from the environment, failing loudly with the variable's name.

A misspelt boolean or a malformed URL must stop start-up rather than silently fall back to a
default: an operator who wrote DEBUG=flase should learn about it before users do.
"""

import os

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str | None:
    value = os.environ.get(name)
    if value is None or value == "":
        if required:
            raise ImproperlyConfigured(f"环境变量 {name} 未设置 (environment variable {name} is required)")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(
        f"环境变量 {name} 的值 {raw!r} 不是布尔值 (environment variable {name} must be true/false, got {raw!r})"
    )


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"环境变量 {name} 的值 {raw!r} 不是整数 (environment variable {name} must be an integer)"
        ) from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"环境变量 {name} 必须不小于 {minimum} (environment variable {name} >= {minimum})")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: tuple[str, ...]) -> str:
    value = os.environ.get(name, default)
    if value not in choices:
        raise ImproperlyConfigured(
            f"环境变量 {name} 的值 {value!r} 无效，可选：{', '.join(choices)} "
            f"(environment variable {name} must be one of {', '.join(choices)})"
        )
    return value


def database_from_env(name: str, default: str) -> dict:
    """Parse DATABASE_URL; only SQLite and PostgreSQL are supported back ends."""
    import dj_database_url

    raw = os.environ.get(name) or default
    scheme = raw.split(":", 1)[0].lower() if ":" in raw else ""
    if scheme not in {"sqlite", "postgres", "postgresql", "pgsql"}:
        raise ImproperlyConfigured(
            f"环境变量 {name} 无法识别：{raw!r}；应为 sqlite:///路径 或 postgres://用户@主机:端口/库 "
            f"(environment variable {name} must be a sqlite:// or postgres:// URL)"
        )
    try:
        config = dj_database_url.parse(raw, conn_max_age=60)
    except Exception as exc:  # dj_database_url raises several types for bad URLs
        raise ImproperlyConfigured(f"环境变量 {name} 格式错误 (malformed {name}): {exc}") from exc
    if config["ENGINE"].endswith("postgresql") and not config.get("NAME"):
        raise ImproperlyConfigured(f"环境变量 {name} 缺少数据库名 (environment variable {name} names no database)")
    return config
