/// The resource a resource policy is attached to (`validate --resource-type`): which actions
/// and which resource ARNs its policy may name. The resource types are the catalog's.
public enum ResourcePolicyType: String, CaseIterable, Sendable {
    case s3Bucket = "s3-bucket"
    case s3AccessPoint = "s3-access-point"
    case s3MultiRegionAccessPoint = "s3-multi-region-access-point"
    case s3ObjectLambdaAccessPoint = "s3-object-lambda-access-point"
    case dynamoDBTable = "dynamodb-table"
    case kmsKey = "kms-key"
    case sqsQueue = "sqs-queue"
    case snsTopic = "sns-topic"
    case secretsManagerSecret = "secretsmanager-secret"
    case lambdaFunction = "lambda-function"
    case ecrRepository = "ecr-repository"

    /// Access Analyzer's `validatePolicyResourceType`, for the types ValidatePolicy takes.
    public var accessAnalyzerName: String? {
        switch self {
        case .s3Bucket: return "AWS::S3::Bucket"
        case .s3AccessPoint: return "AWS::S3::AccessPoint"
        case .s3MultiRegionAccessPoint: return "AWS::S3::MultiRegionAccessPoint"
        case .s3ObjectLambdaAccessPoint: return "AWS::S3ObjectLambda::AccessPoint"
        case .dynamoDBTable: return "AWS::DynamoDB::Table"
        default: return nil
        }
    }

    /// The service prefix of the actions the policy may name.
    var actionService: String {
        switch self {
        case .s3Bucket, .s3AccessPoint, .s3MultiRegionAccessPoint: return "s3"
        case .s3ObjectLambdaAccessPoint: return "s3-object-lambda"
        case .dynamoDBTable: return "dynamodb"
        case .kmsKey: return "kms"
        case .sqsQueue: return "sqs"
        case .snsTopic: return "sns"
        case .secretsManagerSecret: return "secretsmanager"
        case .lambdaFunction: return "lambda"
        case .ecrRepository: return "ecr"
        }
    }

    /// The catalog resource types (of `actionService`) whose ARNs the policy may name.
    var resourceTypes: Set<String> {
        switch self {
        case .s3Bucket: return ["bucket", "object"]
        case .s3AccessPoint: return ["accesspoint", "accesspointobject"]
        case .s3MultiRegionAccessPoint: return ["multiregionaccesspoint"]
        case .s3ObjectLambdaAccessPoint: return ["objectlambdaaccesspoint"]
        case .dynamoDBTable: return ["table", "index"]
        case .kmsKey: return ["key"]
        case .sqsQueue: return ["queue"]
        case .snsTopic: return ["topic"]
        case .secretsManagerSecret: return ["Secret"]
        case .lambdaFunction: return ["function", "function alias", "function version"]
        case .ecrRepository: return ["repository"]
        }
    }

    /// How the type reads in messages.
    var title: String {
        switch self {
        case .s3Bucket: return "an S3 bucket policy"
        case .s3AccessPoint: return "an S3 access point policy"
        case .s3MultiRegionAccessPoint: return "an S3 Multi-Region Access Point policy"
        case .s3ObjectLambdaAccessPoint: return "an S3 Object Lambda access point policy"
        case .dynamoDBTable: return "a DynamoDB table policy"
        case .kmsKey: return "a KMS key policy"
        case .sqsQueue: return "an SQS queue policy"
        case .snsTopic: return "an SNS topic policy"
        case .secretsManagerSecret: return "a Secrets Manager secret policy"
        case .lambdaFunction: return "a Lambda function policy"
        case .ecrRepository: return "an ECR repository policy"
        }
    }
}
