// Test-time only: evaluates cases with @cloud-copilot/iam-simulate
// (AGPL-3.0), the independent implementation the Go evaluator in package
// access is cross-checked against. Reads a JSON array of cases on stdin and
// writes a JSON array of {"result": "Allowed" | "ExplicitlyDenied" |
// "ImplicitlyDenied" | "error: ..."} on stdout. Never imported or shipped.
import { runSimulation, anonymousPrincipal } from '@cloud-copilot/iam-simulate'

const chunks = []
for await (const c of process.stdin) chunks.push(c)
const cases = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const out = []
for (const c of cases) {
  const sim = {
    request: {
      principal: c.principal === 'anonymous' ? anonymousPrincipal : c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.resourceAccount },
      contextVariables: c.context || {}
    },
    identityPolicies: (c.identity || []).map((p, i) => ({ name: 'identity' + i, policy: p })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy: c.resourcePolicy || undefined
  }
  try {
    const r = await runSimulation(sim, { simulationMode: 'Strict' })
    if (r.resultType === 'error') out.push({ result: 'error: ' + JSON.stringify(r.errors) })
    else out.push({ result: r.overallResult, ignored: (r.result && r.result.ignoredContextKeys) || [] })
  } catch (e) {
    out.push({ result: 'error: ' + e.message })
  }
}
process.stdout.write(JSON.stringify(out))
