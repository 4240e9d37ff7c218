/// The commented spec `rolegen init` writes; a test builds it, so it always compiles.
public enum StarterSpec {
    public static let text = """
    # rolegen role spec — reference: docs/spec.md
    version: 1

    # Spec variables: use them as ${name}; override with --var name=value.
    # IAM policy variables such as ${aws:username} pass through untouched.
    variables:
      env: dev

    # Account names, usable wherever an account id is expected and as ${accounts.NAME}.
    accounts:
      dev: "111122223333"
      security: "444455556666"

    # Applied to every role unless the role sets its own value.
    defaults:
      account: dev
      path: /app/
      max_session_duration: 3600
      tags:
        managed-by: rolegen
        env: ${env}

    # Customer-managed policies that roles attach by name.
    policies:
      - name: app-data-read
        description: Read the application's bucket
        statements:
          - allow: [s3:GetObject, s3:ListBucket]
            resources:
              - arn:aws:s3:::app-${env}-data
              - arn:aws:s3:::app-${env}-data/*

    roles:
      - name: app-${env}
        description: Application servers
        trust:
          - service: ec2.amazonaws.com
        managed_policies:
          - app-data-read                      # from policies: above
          - AWSXRayDaemonWriteAccess           # AWS managed, by name
        inline_policies:
          - name: write-logs
            statements:
              - allow: [logs:CreateLogStream, logs:PutLogEvents]
                resources: arn:aws:logs:*:${accounts.dev}:log-group:/app/${env}:*
        instance_profile: true

      - name: security-audit
        description: Read-only audit from the security account, with MFA
        trust:
          - account: security
            require_mfa: true
        managed_policies:
          - SecurityAudit
        max_session_duration: 7200

    """
}
