"""Ingest: an S3 upload event writes one item per new object into the table.

Reads TABLE_NAME; standard library only (boto3 ships with the Lambda runtime).
"""
import os
import urllib.parse

import boto3

_table = None


def handler(event, context):
    global _table
    if _table is None:
        _table = boto3.resource("dynamodb").Table(os.environ["TABLE_NAME"])
    written = 0
    for record in event.get("Records", []):
        s3 = record["s3"]
        key = urllib.parse.unquote_plus(s3["object"]["key"])
        _table.put_item(Item={"pk": s3["bucket"]["name"], "sk": key, "size": s3["object"].get("size", 0)})
        written += 1
    return {"written": written}
