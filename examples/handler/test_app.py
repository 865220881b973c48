"""Unit tests for src/app.py: python3 -m unittest discover -s examples/handler"""

import json
import os
import unittest
import sys
from unittest import mock

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "src"))

import app  # noqa: E402


class Context:
    aws_request_id = "req-1"


class HandlerTest(unittest.TestCase):
    def test_configured(self):
        env = {"DB_HOST": "db.example", "DB_SECRET_ARN": "arn:aws:secretsmanager:us-east-1:111111111111:secret:x", "DB_PORT": "5432"}
        with mock.patch.dict(os.environ, env, clear=True):
            out = app.handler({}, Context())
        self.assertEqual(out["statusCode"], 200)
        body = json.loads(out["body"])
        self.assertEqual(body["db_host"], "db.example")
        self.assertTrue(body["db_secret_configured"])
        self.assertEqual(body["request_id"], "req-1")
        self.assertNotIn("arn:aws", out["body"], "the secret ARN must not be echoed")

    def test_missing_configuration(self):
        with mock.patch.dict(os.environ, {}, clear=True):
            out = app.handler({}, None)
        self.assertEqual(out["statusCode"], 500)
        self.assertFalse(json.loads(out["body"])["configured"])


if __name__ == "__main__":
    unittest.main()
