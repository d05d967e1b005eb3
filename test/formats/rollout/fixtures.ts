/**
 * Small configs written for the tests, with the numbers of the formats' documented examples:
 * Argo Rollouts' background analysis (interval 5m, failureLimit 3, startingStep 2 after a 10m
 * pause at 20%), Flagger's canary analysis (interval 1m, threshold 10, stepWeight 2 up to
 * maxWeight 50), and Prometheus's HighRequestLatency example (for: 10m).
 */
export function argoRollout(opts: { interval?: string; failureLimit?: number; startingStep?: number; extraMetric?: string; steps?: string } = {}): string {
  return `apiVersion: argoproj.io/v1alpha1
kind: Rollout
metadata:
  name: guestbook
spec:
  rollbackWindow:
    revisions: 2
  strategy:
    canary:
      analysis:
        templates:
          - templateName: success-rate
${opts.startingStep !== undefined ? `        startingStep: ${opts.startingStep}\n` : ''}        args:
          - name: service-name
            value: guestbook-svc.default.svc.cluster.local
      steps:
${opts.steps ?? `        - setWeight: 20
        - pause: {duration: 10m}
        - setWeight: 40
        - pause: {duration: 10m}
        - setWeight: 60
        - pause: {duration: 10m}
        - setWeight: 80
        - pause: {duration: 10m}`}
---
apiVersion: argoproj.io/v1alpha1
kind: AnalysisTemplate
metadata:
  name: success-rate
spec:
  args:
    - name: service-name
  metrics:
    - name: success-rate
      interval: ${opts.interval ?? '5m'}
      successCondition: result[0] >= 0.95
      failureLimit: ${opts.failureLimit ?? 3}
      provider:
        prometheus:
          address: http://prometheus.example.com:9090
          query: |
            sum(irate(
              istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}",response_code!~"5.*"}[5m]
            )) /
            sum(irate(
              istio_requests_total{reporter="source",destination_service=~"{{args.service-name}}"}[5m]
            ))
${opts.extraMetric ?? ''}`;
}

export function flaggerCanary(opts: { interval?: string; threshold?: number; weights?: string } = {}): string {
  return `apiVersion: flagger.app/v1beta1
kind: Canary
metadata:
  name: podinfo
  namespace: test
spec:
  targetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: podinfo
  service:
    port: 9898
  analysis:
    interval: ${opts.interval ?? '1m'}
    threshold: ${opts.threshold ?? 10}
${opts.weights ?? '    maxWeight: 50\n    stepWeight: 2'}
    metrics:
      - name: request-success-rate
        thresholdRange:
          min: 99
        interval: 1m
      - name: request-duration
        thresholdRange:
          max: 500
        interval: 1m
`;
}

export function prometheusRules(forText = '10m'): string {
  return `groups:
  - name: example
    rules:
      - alert: HighRequestLatency
        expr: histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[5m]))) > 0.5
        for: ${forText}
        labels:
          severity: page
        annotations:
          summary: High request latency
`;
}
