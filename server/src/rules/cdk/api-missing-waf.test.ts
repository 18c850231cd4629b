import type { InvalidCase, ValidCase } from '../../../../test/kit/rule-tester';
import { runCdk } from '../../../../test/kit/cdk';

const HEAD = `import * as cdk from 'aws-cdk-lib';
import { Construct } from 'constructs';
import * as apigw from 'aws-cdk-lib/aws-apigateway';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
`;

const stack = (body: string): string => `${HEAD}
export class ApiStack extends cdk.Stack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
${body}  }
}
`;

export const CASES: { valid: ValidCase[]; invalid: InvalidCase[] } = {
  valid: [
    {
      name: 'a web ACL associated with the API stage',
      file: 'lib/api.ts',
      code: stack(`    const api = new apigw.RestApi(this, 'OrdersApi');
    const acl = new wafv2.CfnWebACL(this, 'Acl', { scope: 'REGIONAL', defaultAction: { allow: {} }, visibilityConfig: { cloudWatchMetricsEnabled: true, metricName: 'acl', sampledRequestsEnabled: true } });
    new wafv2.CfnWebACLAssociation(this, 'AclAssoc', { resourceArn: api.deploymentStage.stageArn, webAclArn: acl.attrArn });
`),
    },
    {
      name: 'an association whose target cannot be told: no finding',
      file: 'lib/api.ts',
      code: stack(`    new apigw.RestApi(this, 'OrdersApi');
    new wafv2.CfnWebACLAssociation(this, 'AclAssoc', { resourceArn: cdk.Fn.importValue('StageArn'), webAclArn: 'arn:aws:wafv2:acl' });
`),
    },
  ],
  invalid: [
    {
      name: 'a REST API with no web ACL, beside one that has one',
      file: 'lib/api.ts',
      code: stack(`    const api = new apigw.RestApi(this, 'OrdersApi');
    const admin = new apigw.RestApi(this, 'AdminApi');
    new wafv2.CfnWebACLAssociation(this, 'AclAssoc', { resourceArn: \`arn:aws:apigateway:\${this.region}::/restapis/\${admin.restApiId}/stages/prod\`, webAclArn: 'arn:aws:wafv2:acl' });
`),
      errors: [{ line: 10, column: 41, endLine: 10, endColumn: 52, message: "OrdersApi's stage has no WAF web ACL", resource: 'OrdersApi' }],
    },
    {
      name: 'a CloudFront distribution without webAclId',
      file: 'lib/cdn.ts',
      code: stack(`    declare const origin: cloudfront.IOrigin;
    new cloudfront.Distribution(this, 'SiteCdn', { defaultBehavior: { origin } });
`),
      errors: [{ line: 11, column: 39, endLine: 11, endColumn: 48, message: 'SiteCdn has no WAF web ACL (webAclId)', resource: 'SiteCdn' }],
    },
  ],
};

runCdk('api-missing-waf', CASES);
