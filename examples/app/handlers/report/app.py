"""Report: an hourly job that reads an API token from Secrets Manager and
posts a heartbeat to an external HTTPS API.

Reads SECRET_ARN and API_URL; never logs the token. Standard library and boto3.
"""
import json
import os
import urllib.request

import boto3


def handler(event, context):
    token = boto3.client("secretsmanager").get_secret_value(SecretId=os.environ["SECRET_ARN"])["SecretString"]
    req = urllib.request.Request(
        os.environ["API_URL"],
        data=json.dumps({"source": "acme-report"}).encode(),
        headers={"Authorization": "Bearer " + token, "Content-Type": "application/json"},
        method="POST",
    )
    with urllib.request.urlopen(req, timeout=10) as resp:
        return {"status": resp.status}
