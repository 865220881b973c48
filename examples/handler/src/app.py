"""Reference Lambda handler: reports how the function is wired to the database.

Standard library only. The stack sets DB_HOST (the RDS address) and
DB_SECRET_ARN (the Secrets Manager secret RDS manages for the master user);
the handler never reads or logs the secret's value.
"""

import json
import os


def summary():
    """Return the configuration the function sees, without secrets."""
    host = os.environ.get("DB_HOST", "")
    secret_arn = os.environ.get("DB_SECRET_ARN", "")
    return {
        "db_host": host,
        "db_port": os.environ.get("DB_PORT", ""),
        "db_secret_configured": bool(secret_arn),
        "region": os.environ.get("AWS_REGION", ""),
        "configured": bool(host and secret_arn),
    }


def handler(event, context):
    """Lambda entry point (handler "app.handler")."""
    body = summary()
    request_id = getattr(context, "aws_request_id", None)
    if request_id:
        body["request_id"] = request_id
    status = 200 if body["configured"] else 500
    return {
        "statusCode": status,
        "headers": {"Content-Type": "application/json"},
        "body": json.dumps(body, sort_keys=True),
    }
