/// The fixed part of apply.sh and destroy.sh: argument parsing, the AWS CLI wrappers and
/// the functions the generated plan calls. It is the same for every build, so it is
/// reviewed (and shellchecked) once; only the plan at the end of each script varies.
///
/// Rules the functions keep:
/// - Descriptions, tags and policy documents travel in JSON files (`--cli-input-json`,
///   `file://`), never as command-line words: the AWS CLI would read a value such as
///   `file:///etc/passwd` or `http://…` as a file or URL to load.
/// - Names, paths and ARNs are passed as `--option=value`, so a value that starts with `-`
///   is not taken for an option.
/// - Reads compare the JSON file's text with `to_string(…)` of IAM's answer (see
///   `CompactJSON`); a write happens only when they differ, so a second run writes nothing.
enum ScriptRuntime {
    /// Options, the AWS CLI wrappers, deploy-time inputs and the account check.
    static func prologue(script: String, purpose: String) -> String {
        #"""
        set -euo pipefail

        script=${0##*/}
        here=$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")" && pwd)

        usage() {
          cat <<'USAGE'
        Usage: \#(script) [--dry-run] [--endpoint-url URL]

        \#(purpose)

          --dry-run           print the commands that would change IAM instead of running them
                              (reads still run, so the credentials must work)
          --endpoint-url URL  send every AWS call to URL (default: $AWS_ENDPOINT_URL)
          -h, --help          show this help

        The AWS CLI uses AWS_PROFILE and the other usual settings; AWS_REGION, when set, is
        passed on as --region. Deploy-time inputs are read from ROLEGEN_VAR_<name>.
        USAGE
        }

        fail() {
          printf '%s: error: %s\n' "$script" "$*" >&2
          exit 1
        }

        usage_error() {
          printf '%s: %s (see --help)\n' "$script" "$*" >&2
          exit 2
        }

        dry_run=0
        endpoint=${AWS_ENDPOINT_URL:-}
        while (($# > 0)); do
          case $1 in
            --dry-run) dry_run=1 ;;
            --endpoint-url)
              (($# > 1)) || usage_error "--endpoint-url needs a URL"
              endpoint=$2
              shift
              ;;
            --endpoint-url=*) endpoint=${1#--endpoint-url=} ;;
            -h | --help)
              usage
              exit 0
              ;;
            *) usage_error "unknown argument: $1" ;;
          esac
          shift
        done

        command -v aws >/dev/null || fail "the AWS CLI (aws) is not on PATH"
        aws_global=()
        if [[ -n $endpoint ]]; then aws_global+=(--endpoint-url "$endpoint"); fi
        if [[ -n ${AWS_REGION:-} ]]; then aws_global+=(--region "$AWS_REGION"); fi
        export AWS_PAGER=""

        tmp=$(mktemp -d)
        trap 'rm -rf -- "$tmp"' EXIT
        changes=0
        rendered=0
        answer=
        document=

        # The AWS CLI with this script's endpoint and region.
        aws_cli() {
          aws ${aws_global[@]+"${aws_global[@]}"} "$@"
        }

        # A call that only reads, with text output. Leaves the output in $answer and returns 0;
        # returns 1 when IAM answers NoSuchEntity; stops the script on any other error.
        aws_read() {
          if aws_cli "$@" --output text >"$tmp/out" 2>"$tmp/err"; then
            answer=$(<"$tmp/out")
            return 0
          fi
          answer=
          if grep -q NoSuchEntity "$tmp/err"; then return 1; fi
          cat "$tmp/err" >&2
          fail "aws $1 $2 failed"
        }

        # A call that changes IAM: printed, then run (only printed with --dry-run).
        aws_write() {
          local line
          printf -v line '%q ' aws "$@"
          changes=$((changes + 1))
          if ((dry_run)); then
            printf '%s\n' "${line% }"
          else
            printf '+ %s\n' "${line% }"
            aws_cli "$@" >/dev/null || fail "aws $1 $2 failed"
          fi
        }

        # Deploy-time inputs. read_input NAME DESCRIPTION [DEFAULT] leaves the value of
        # ROLEGEN_VAR_<NAME> (or DEFAULT) in $REPLY; inputs without either are reported together.
        input_names=()
        input_values=()
        missing_inputs=()
        read_input() {
          local value
          if value=$(printenv -- "ROLEGEN_VAR_$1" && printf x); then
            value=${value%x}
            REPLY=${value%$'\n'}
          elif (($# > 2)); then
            REPLY=$3
          else
            missing_inputs+=("ROLEGEN_VAR_$1: $2")
            REPLY=
          fi
          if [[ $REPLY == *[[:cntrl:]]* ]]; then
            fail "ROLEGEN_VAR_$1 holds a control character (line break, tab, ...); that is not supported"
          fi
          input_names+=("$1")
          input_values+=("$REPLY")
        }

        check_inputs() {
          if ((${#missing_inputs[@]} > 0)); then
            printf '%s: error: set these environment variables (deploy-time inputs without a default):\n' "$script" >&2
            printf '  %s\n' "${missing_inputs[@]}" >&2
            exit 1
          fi
        }

        # render FILE: the path to pass as file:// for FILE (relative to this script) in $REPLY,
        # and its text in $document. A file with «input» placeholders is copied with each one
        # replaced by the input's value, JSON-escaped. One pass over the file's own text, so a
        # value that holds another input's placeholder stays as it is.
        render() {
          local i name value rest bs="\\" q='"'
          document=$(<"$here/$1")
          REPLY=$here/$1
          if [[ $document != *«* ]]; then return 0; fi
          rest=$document
          document=
          while [[ $rest == *«*»* ]]; do
            document+=${rest%%«*}
            rest=${rest#*«}
            name=${rest%%»*}
            rest=${rest#*»}
            value="«$name»"
            for ((i = 0; i < ${#input_names[@]}; i++)); do
              if [[ ${input_names[i]} == "$name" ]]; then
                value=${input_values[i]//"$bs"/"$bs$bs"}
                value=${value//"$q"/"$bs$q"}
                break
              fi
            done
            document+=$value
          done
          document+=$rest
          rendered=$((rendered + 1))
          REPLY=$tmp/rendered-$rendered.json
          printf '%s\n' "$document" >"$REPLY"
        }

        account=
        partition=
        # The account and partition of the credentials in use.
        find_account() {
          aws_read sts get-caller-identity --query '[Account, Arn]' || fail "cannot tell which account the credentials belong to"
          local arn
          IFS=$'\t' read -r account arn <<<"$answer"
          partition=${arn#arn:}
          partition=${partition%%:*}
          [[ -n $account && -n $partition ]] || fail "unexpected answer from sts get-caller-identity: $answer"
        }

        # in_account ID: whether the credentials belong to account ID.
        in_account() {
          [[ $account == "$1" ]]
        }

        # check_account ID...: stops unless the credentials belong to one of the accounts.
        check_account() {
          local id
          for id in "$@"; do
            if [[ $account == "$id" ]]; then return 0; fi
          done
          fail "the credentials are for account $account, but this build only has roles and policies for account(s) $*; check AWS_PROFILE"
        }

        finish() {
          if ((dry_run)); then
            printf '%s: dry run for account %s: %d change(s) not made\n' "$script" "$account" "$changes" >&2
          else
            printf '%s: account %s: %d change(s)\n' "$script" "$account" "$changes" >&2
          fi
        }

        """#
    }

    /// The functions apply.sh's plan calls.
    static let applyFunctions = #"""
        # managed_policy NAME PATH DOCUMENT_FILE CREATE_FILE: creates the customer managed
        # policy, or makes DOCUMENT_FILE its default version (deleting the oldest version when
        # IAM's five are in use). IAM cannot change a policy's description after creation.
        managed_policy() {
          local arn="arn:$partition:iam::$account:policy$2$1" doc count oldest
          render "$3"
          doc=$REPLY
          if ! aws_read iam get-policy --policy-arn="$arn" --query Policy.DefaultVersionId; then
            local create_doc=$doc
            render "$4"
            aws_write iam create-policy --cli-input-json "file://$REPLY" --policy-document="file://$create_doc"
            return 0
          fi
          aws_read iam get-policy-version --policy-arn="$arn" --version-id="$answer" --query 'to_string(PolicyVersion.Document)'
          if [[ $answer == "$document" ]]; then return 0; fi
          aws_read iam list-policy-versions --policy-arn="$arn" \
            --query '[length(Versions), sort_by(Versions[?!IsDefaultVersion], &CreateDate)[0].VersionId]'
          IFS=$'\t' read -r count oldest <<<"$answer"
          if ((count >= 5)); then
            aws_write iam delete-policy-version --policy-arn="$arn" --version-id="$oldest"
          fi
          aws_write iam create-policy-version --policy-arn="$arn" --policy-document="file://$doc" --set-as-default
        }

        # role NAME PATH TRUST_FILE ROLE_FILE TAGS_FILE BOUNDARY: creates the role, or brings it in
        # line with the spec: trust policy; description and maximum session duration (ROLE_FILE,
        # the --cli-input-json of create-role and update-role); tags (TAGS_FILE, '' for none);
        # permissions boundary ('' for none). A description the spec does not set is left alone.
        role() {
          local name=$1 path=$2 boundary=$6 trust trust_text settings settings_text tags='' tags_text='[]'
          local query current_path current_trust current_settings current_boundary current_tags
          render "$3"
          trust=$REPLY
          trust_text=$document
          render "$4"
          settings=$REPLY
          settings_text=$document
          if [[ -n $5 ]]; then
            render "$5"
            tags=$REPLY
            tags_text=$document
          fi
          # The same members, in the same order, as ROLE_FILE.
          query='{RoleName: RoleName, MaxSessionDuration: MaxSessionDuration}'
          if [[ $settings_text == *'"Description":'* ]]; then
            query='{RoleName: RoleName, Description: Description, MaxSessionDuration: MaxSessionDuration}'
          fi
          if ! aws_read iam get-role --role-name="$name" --query "Role.[Path, to_string(AssumeRolePolicyDocument), to_string($query), PermissionsBoundary.PermissionsBoundaryArn, to_string(sort_by(Tags || \`[]\`, &Key))]"; then
            local create=(iam create-role --cli-input-json "file://$settings" --path="$path" --assume-role-policy-document="file://$trust")
            if [[ -n $boundary ]]; then create+=(--permissions-boundary="$boundary"); fi
            if [[ -n $tags ]]; then create+=(--tags="file://$tags"); fi
            aws_write "${create[@]}"
            return 0
          fi
          IFS=$'\t' read -r current_path current_trust current_settings current_boundary current_tags <<<"$answer"
          if [[ $current_path != "$path" ]]; then
            fail "role $name exists with path $current_path but the spec says $path; IAM cannot move a role: delete it (destroy.sh) and apply again"
          fi
          if [[ $current_trust != "$trust_text" ]]; then
            aws_write iam update-assume-role-policy --role-name="$name" --policy-document="file://$trust"
          fi
          if [[ $current_settings != "$settings_text" ]]; then
            aws_write iam update-role --cli-input-json "file://$settings"
          fi
          if [[ $current_boundary != "${boundary:-None}" ]]; then
            if [[ -n $boundary ]]; then
              aws_write iam put-role-permissions-boundary --role-name="$name" --permissions-boundary="$boundary"
            else
              aws_write iam delete-role-permissions-boundary --role-name="$name"
            fi
          fi
          if [[ $current_tags != "$tags_text" ]]; then
            # Keys IAM has that the spec does not, as JSON, for untag-role's --cli-input-json.
            aws_read iam get-role --role-name="$name" --query "to_string(Role.Tags[?!contains(\`$tags_text\`[].Key, Key)].Key)"
            if [[ $answer != "[]" ]]; then
              printf '{"RoleName":"%s","TagKeys":%s}\n' "$name" "$answer" >"$tmp/untag.json"
              aws_write iam untag-role --cli-input-json "file://$tmp/untag.json"
            fi
            if [[ -n $tags ]]; then aws_write iam tag-role --role-name="$name" --tags="file://$tags"; fi
          fi
        }

        # inline_policies ROLE [NAME FILE]...: puts each inline policy whose document differs and
        # deletes the role's other inline policies.
        inline_policies() {
          local role=$1 name keep current=() i
          shift
          if aws_read iam list-role-policies --role-name="$role" --query PolicyNames && [[ -n $answer ]]; then
            IFS=$'\t' read -r -a current <<<"$answer"
          fi
          for name in ${current[@]+"${current[@]}"}; do
            keep=0
            for ((i = 1; i <= $#; i += 2)); do
              if [[ ${!i} == "$name" ]]; then keep=1; fi
            done
            if ((!keep)); then aws_write iam delete-role-policy --role-name="$role" --policy-name="$name"; fi
          done
          while (($# > 0)); do
            render "$2"
            if ! aws_read iam get-role-policy --role-name="$role" --policy-name="$1" --query 'to_string(PolicyDocument)' ||
              [[ $answer != "$document" ]]; then
              aws_write iam put-role-policy --role-name="$role" --policy-name="$1" --policy-document="file://$REPLY"
            fi
            shift 2
          done
        }

        # managed_policies ROLE [ARN]...: attaches the ARNs and detaches every other managed policy.
        managed_policies() {
          local role=$1 arn wanted current=() found
          shift
          if aws_read iam list-attached-role-policies --role-name="$role" --query 'AttachedPolicies[].PolicyArn' && [[ -n $answer ]]; then
            IFS=$'\t' read -r -a current <<<"$answer"
          fi
          for arn in ${current[@]+"${current[@]}"}; do
            found=0
            for wanted in "$@"; do
              if [[ $wanted == "$arn" ]]; then found=1; fi
            done
            if ((!found)); then aws_write iam detach-role-policy --role-name="$role" --policy-arn="$arn"; fi
          done
          for wanted in "$@"; do
            found=0
            for arn in ${current[@]+"${current[@]}"}; do
              if [[ $wanted == "$arn" ]]; then found=1; fi
            done
            if ((!found)); then aws_write iam attach-role-policy --role-name="$role" --policy-arn="$wanted"; fi
          done
        }

        # instance_profile NAME PATH ROLE: creates the instance profile and makes ROLE its only role.
        instance_profile() {
          local name=$1 path=$2 role=$3 fields=() other
          if aws_read iam get-instance-profile --instance-profile-name="$name" --query '[InstanceProfile.Path, InstanceProfile.Roles[].RoleName][]'; then
            IFS=$'\t' read -r -a fields <<<"$answer"
            if [[ ${fields[0]} != "$path" ]]; then
              fail "instance profile $name exists with path ${fields[0]} but the spec says $path; IAM cannot move it: delete it (destroy.sh) and apply again"
            fi
          else
            aws_write iam create-instance-profile --instance-profile-name="$name" --path="$path"
            fields=("$path")
          fi
          if ((${#fields[@]} == 2)) && [[ ${fields[1]} == "$role" ]]; then return 0; fi
          for other in "${fields[@]:1}"; do
            aws_write iam remove-role-from-instance-profile --instance-profile-name="$name" --role-name="$other"
          done
          aws_write iam add-role-to-instance-profile --instance-profile-name="$name" --role-name="$role"
        }

        """#

    /// Helpers of the organization pieces and service-linked roles: calls whose work AWS
    /// finishes later, reads whose "none" answer is not IAM's NoSuchEntity, exact copies.
    /// Written only into scripts whose plan uses them, so the scripts of builds without
    /// those pieces stay as they were.
    static let asyncFunctions = #"""
        # aws_start QUERY CALL...: aws_write for a call that starts work AWS finishes later;
        # leaves QUERY of the answer (text) in $answer, nothing with --dry-run.
        aws_start() {
          local query=$1 line
          shift
          printf -v line '%q ' aws "$@"
          changes=$((changes + 1))
          answer=
          if ((dry_run)); then
            printf '%s\n' "${line% }"
            return 0
          fi
          printf '+ %s\n' "${line% }"
          answer=$(aws_cli "$@" --query "$query" --output text) || fail "aws $1 $2 failed"
        }

        # await WHAT ID_OPTION CALL...: $answer holds "ID<tab>STATUS<tab>REASON" of work
        # aws_start began. While it is in progress, asks again every 2 s with CALL
        # ID_OPTION=ID (a read that prints STATUS<tab>REASON); stops the script if it failed.
        await() {
          local what=$1 option=$2 id status reason
          shift 2
          if ((dry_run)); then return 0; fi
          IFS=$'\t' read -r id status reason <<<"$answer"
          while [[ $status == IN_PROGRESS || $status == NOT_STARTED ]]; do
            sleep 2
            aws_read "$@" "$option=$id"
            IFS=$'\t' read -r status reason <<<"$answer"
          done
          if [[ $status == FAILED ]]; then fail "$what failed: $reason"; fi
        }

        # contains VALUE [ITEM]...: whether VALUE is one of the ITEMs.
        contains() {
          local value=$1 item
          shift
          for item in "$@"; do
            if [[ $item == "$value" ]]; then return 0; fi
          done
          return 1
        }

        """#

    /// Finds a service-linked role; apply.sh and destroy.sh both need it.
    static let serviceLinkedRoleLookup = #"""
        # find_service_linked_role SERVICE SUFFIX [OTHER_SUFFIX]...: the name of SERVICE's role
        # with SUFFIX ('' for the one without) in $REPLY, '' when there is none. AWS names these
        # roles: under /aws-service-role/SERVICE/, the one ending in _SUFFIX has SUFFIX, and one
        # ending in none of the build's OTHER_SUFFIXes of SERVICE is the one without.
        find_service_linked_role() {
          local service=$1 suffix=$2 names=() name other mine
          shift 2
          REPLY=
          aws_read iam list-roles --path-prefix="/aws-service-role/$service/" --query 'Roles[].RoleName'
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a names <<<"$answer"; fi
          for name in ${names[@]+"${names[@]}"}; do
            if [[ -n $suffix ]]; then
              if [[ $name == *"_$suffix" ]]; then REPLY=$name; fi
              continue
            fi
            mine=1
            for other in "$@"; do
              if [[ $name == *"_$other" ]]; then mine=0; fi
            done
            if ((mine)); then REPLY=$name; fi
          done
        }

        """#

    /// apply.sh's function for service-linked roles.
    static let serviceLinkedRoleApply = #"""
        # service_linked_role SERVICE SUFFIX CREATE_FILE DESCRIPTION_FILE [OTHER_SUFFIX]...:
        # creates the role (CREATE_FILE: the --cli-input-json of create-service-linked-role), or
        # sets its description from DESCRIPTION_FILE ('' when the spec sets none: left alone).
        service_linked_role() {
          local service=$1 suffix=$2 create_file=$3 description_file=$4 name
          shift 4
          find_service_linked_role "$service" "$suffix" "$@"
          name=$REPLY
          if [[ -z $name ]]; then
            render "$create_file"
            aws_write iam create-service-linked-role --cli-input-json "file://$REPLY"
            return 0
          fi
          if [[ -z $description_file ]]; then return 0; fi
          render "$description_file"
          aws_read iam get-role --role-name="$name" --query 'to_string({Description: Role.Description})'
          if [[ $answer != "$document" ]]; then
            aws_write iam update-role --role-name="$name" --cli-input-json "file://$REPLY"
          fi
        }

        """#

    /// destroy.sh's function for service-linked roles.
    static let serviceLinkedRoleDestroy = #"""
        # destroy_service_linked_role SERVICE SUFFIX [OTHER_SUFFIX]...: deletes the role and waits
        # until IAM has (IAM refuses while a resource of the service still uses the role).
        destroy_service_linked_role() {
          local name
          find_service_linked_role "$@"
          name=$REPLY
          if [[ -z $name ]]; then return 0; fi
          aws_start "[DeletionTaskId, 'NOT_STARTED', '']" iam delete-service-linked-role --role-name="$name"
          await "deleting service-linked role $name" --deletion-task-id \
            iam get-service-linked-role-deletion-status --query '[Status, Reason.Reason]'
        }

        """#

    /// Lookups both organization scripts use.
    static let organizationLookups = #"""
        # aws_find ERROR CALL...: aws_read for services that answer "none" with the error ERROR
        # (IAM's is NoSuchEntity): returns 1 on it.
        aws_find() {
          local missing=$1
          shift
          if aws_cli "$@" --output text >"$tmp/out" 2>"$tmp/err"; then
            answer=$(<"$tmp/out")
            return 0
          fi
          answer=
          if grep -q "$missing" "$tmp/err"; then return 1; fi
          cat "$tmp/err" >&2
          fail "aws $1 $2 failed"
        }

        # find_service_control_policy NAME_JSON: the id of the service control policy whose
        # name, as a JSON list of one string, is NAME_JSON in $REPLY ('' when there is none).
        # Names may hold any character; as JSON each is one line.
        find_service_control_policy() {
          local id name
          REPLY=
          aws_read organizations list-policies --filter=SERVICE_CONTROL_POLICY --query 'Policies[].[Id, to_string([Name])]'
          while IFS=$'\t' read -r id name; do
            if [[ $name == "$1" ]]; then REPLY=$id; fi
          done <<<"$answer"
        }

        instance=
        # find_instance: the IAM Identity Center instance, from SSO_INSTANCE_ARN, in $instance.
        find_instance() {
          instance=${SSO_INSTANCE_ARN:-}
          if [[ -z $instance ]]; then
            fail "set SSO_INSTANCE_ARN to the ARN of the IAM Identity Center instance (aws sso-admin list-instances --query 'Instances[].InstanceArn')"
          fi
          if [[ $instance != arn:*:sso:::instance/* ]]; then
            fail "SSO_INSTANCE_ARN is not the ARN of an IAM Identity Center instance: $instance"
          fi
        }

        permission_set=
        new_set=0
        # find_permission_set NAME: the ARN of the instance's permission set NAME in $REPLY ('' when
        # there is none).
        find_permission_set() {
          local arns=() arn
          REPLY=
          aws_read sso-admin list-permission-sets --instance-arn="$instance" --query PermissionSets
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a arns <<<"$answer"; fi
          for arn in ${arns[@]+"${arns[@]}"}; do
            aws_read sso-admin describe-permission-set --instance-arn="$instance" --permission-set-arn="$arn" --query PermissionSet.Name
            if [[ $answer == "$1" ]]; then
              REPLY=$arn
              return 0
            fi
          done
        }

        assignments=()
        # find_assignments ACCOUNT...: the permission set's assignments in the ACCOUNTs and in every
        # account it is provisioned to, as "ACCOUNT<tab>TYPE<tab>PRINCIPAL" in $assignments.
        find_assignments() {
          local accounts=("$@") provisioned=() account line
          assignments=()
          if ((new_set)); then return 0; fi
          aws_read sso-admin list-accounts-for-provisioned-permission-set --instance-arn="$instance" \
            --permission-set-arn="$permission_set" --query AccountIds
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a provisioned <<<"$answer"; fi
          for account in ${provisioned[@]+"${provisioned[@]}"}; do
            if ! contains "$account" ${accounts[@]+"${accounts[@]}"}; then accounts+=("$account"); fi
          done
          for account in ${accounts[@]+"${accounts[@]}"}; do
            aws_read sso-admin list-account-assignments --instance-arn="$instance" --permission-set-arn="$permission_set" \
              --account-id="$account" --query 'AccountAssignments[].[AccountId, PrincipalType, PrincipalId]'
            while IFS= read -r line; do
              if [[ -n $line ]]; then assignments+=("$line"); fi
            done <<<"$answer"
          done
        }

        # assignment create|delete "ACCOUNT<tab>TYPE<tab>PRINCIPAL": creates or deletes the
        # permission set's assignment and waits until Identity Center has carried it out.
        assignment() {
          local account type principal kind
          IFS=$'\t' read -r account type principal <<<"$2"
          kind=$([[ $1 == create ]] && echo Creation || echo Deletion)
          aws_start "AccountAssignment${kind}Status.[RequestId, Status, FailureReason]" \
            sso-admin "$1-account-assignment" --instance-arn="$instance" --permission-set-arn="$permission_set" \
            --target-type=AWS_ACCOUNT --target-id="$account" --principal-type="$type" --principal-id="$principal"
          await "$1-account-assignment of $type $principal in $account" "--account-assignment-${kind,,}-request-id" \
            sso-admin "describe-account-assignment-${kind,,}-status" --instance-arn="$instance" \
            --query "AccountAssignment${kind}Status.[Status, FailureReason]"
        }

        """#

    /// The functions organization/apply.sh's plan calls.
    static let organizationApply = #"""
        # render_exact FILE: render, without the line break render ends a copy with: AWS keeps
        # and counts every character of a service control policy and a permission set's inline
        # policy.
        render_exact() {
          render "$1"
          if [[ $REPLY != "$here/$1" ]]; then printf '%s' "$document" >"$REPLY"; fi
        }

        root=
        # find_root: the id of the organization's root in $root.
        find_root() {
          if [[ -n $root ]]; then return 0; fi
          aws_read organizations list-roots --query 'Roots[0].Id'
          root=$answer
          if [[ $root != r-* ]]; then fail "unexpected answer from organizations list-roots: $root"; fi
        }

        # service_control_policy NAME_JSON DIR [TARGET]...: creates the service control policy
        # from DIR (content.json: the policy exactly as sent; settings.json: Name and
        # Description; tags.json when it has tags), or updates its content, name, description
        # and tags; then attaches it to each TARGET (root: the organization's root) and detaches
        # it from every other target.
        service_control_policy() {
          local name=$1 dir=$2 id content content_text settings settings_text tags='' tags_text='[]'
          local current_settings current_content current=() wanted=() target
          shift 2
          render_exact "$dir/content.json"
          content=$REPLY
          content_text=$document
          render "$dir/settings.json"
          settings=$REPLY
          settings_text=$document
          if [[ -f $here/$dir/tags.json ]]; then
            render "$dir/tags.json"
            tags=$REPLY
            tags_text=$document
          fi
          for target in "$@"; do
            if [[ $target == root ]]; then
              find_root
              target=$root
            fi
            wanted+=("$target")
          done
          find_service_control_policy "$name"
          id=$REPLY
          if [[ -z $id ]]; then
            local create=(organizations create-policy --type=SERVICE_CONTROL_POLICY --cli-input-json "file://$settings" --content="file://$content")
            if [[ -n $tags ]]; then create+=(--tags="file://$tags"); fi
            aws_start Policy.PolicySummary.Id "${create[@]}"
            id=${answer:-"(id of the new policy)"}
          else
            aws_read organizations describe-policy --policy-id="$id" \
              --query 'Policy.[to_string({Name: PolicySummary.Name, Description: PolicySummary.Description}), Content]'
            IFS=$'\t' read -r current_settings current_content <<<"$answer"
            if [[ $current_settings != "$settings_text" || $current_content != "$content_text" ]]; then
              aws_write organizations update-policy --policy-id="$id" --cli-input-json "file://$settings" --content="file://$content"
            fi
            aws_read organizations list-tags-for-resource --resource-id="$id" --query "to_string(sort_by(Tags || \`[]\`, &Key))"
            if [[ $answer != "$tags_text" ]]; then
              # Keys the policy has that the spec does not, as JSON, for untag-resource.
              aws_read organizations list-tags-for-resource --resource-id="$id" --query "to_string(Tags[?!contains(\`$tags_text\`[].Key, Key)].Key)"
              if [[ $answer != "[]" ]]; then
                printf '{"ResourceId":"%s","TagKeys":%s}\n' "$id" "$answer" >"$tmp/untag.json"
                aws_write organizations untag-resource --cli-input-json "file://$tmp/untag.json"
              fi
              if [[ -n $tags ]]; then aws_write organizations tag-resource --resource-id="$id" --tags="file://$tags"; fi
            fi
            aws_read organizations list-targets-for-policy --policy-id="$id" --query 'Targets[].TargetId'
            if [[ -n $answer ]]; then IFS=$'\t' read -r -a current <<<"$answer"; fi
          fi
          for target in ${current[@]+"${current[@]}"}; do
            if ! contains "$target" ${wanted[@]+"${wanted[@]}"}; then
              aws_write organizations detach-policy --policy-id="$id" --target-id="$target"
            fi
          done
          for target in ${wanted[@]+"${wanted[@]}"}; do
            if ! contains "$target" ${current[@]+"${current[@]}"}; then
              aws_write organizations attach-policy --policy-id="$id" --target-id="$target"
            fi
          done
        }

        set_changed=0
        # permission_set NAME DIR: creates the permission set from DIR/create.json, or brings its
        # description, session duration and relay state (DIR/settings.json, the --cli-input-json
        # of update-permission-set) and tags (DIR/tags.json when it has tags) in line with the
        # spec. Leaves its ARN in $permission_set.
        permission_set() {
          local name=$1 dir=$2 settings settings_text query tags='' tags_text='[]'
          new_set=0
          set_changed=0
          render "$dir/settings.json"
          settings=$REPLY
          settings_text=$document
          if [[ -f $here/$dir/tags.json ]]; then
            render "$dir/tags.json"
            tags=$REPLY
            tags_text=$document
          fi
          find_permission_set "$name"
          permission_set=$REPLY
          if [[ -z $permission_set ]]; then
            render "$dir/create.json"
            aws_start PermissionSet.PermissionSetArn sso-admin create-permission-set --instance-arn="$instance" --cli-input-json "file://$REPLY"
            permission_set=${answer:-"(ARN of the new permission set $name)"}
            new_set=1
            return 0
          fi
          # The same members, in the same order, as settings.json.
          query='SessionDuration: SessionDuration'
          if [[ $settings_text == *'"Description":'* ]]; then query="Description: Description, $query"; fi
          if [[ $settings_text == *'"RelayState":'* ]]; then query="$query, RelayState: RelayState"; fi
          aws_read sso-admin describe-permission-set --instance-arn="$instance" --permission-set-arn="$permission_set" \
            --query "to_string(PermissionSet.{$query})"
          if [[ $answer != "$settings_text" ]]; then
            aws_write sso-admin update-permission-set --instance-arn="$instance" --permission-set-arn="$permission_set" \
              --cli-input-json "file://$settings"
            set_changed=1
          fi
          aws_read sso-admin list-tags-for-resource --instance-arn="$instance" --resource-arn="$permission_set" \
            --query "to_string(sort_by(Tags || \`[]\`, &Key))"
          if [[ $answer != "$tags_text" ]]; then
            aws_read sso-admin list-tags-for-resource --instance-arn="$instance" --resource-arn="$permission_set" \
              --query "to_string(Tags[?!contains(\`$tags_text\`[].Key, Key)].Key)"
            if [[ $answer != "[]" ]]; then
              printf '{"InstanceArn":"%s","ResourceArn":"%s","TagKeys":%s}\n' "$instance" "$permission_set" "$answer" >"$tmp/untag.json"
              aws_write sso-admin untag-resource --cli-input-json "file://$tmp/untag.json"
            fi
            if [[ -n $tags ]]; then
              aws_write sso-admin tag-resource --instance-arn="$instance" --resource-arn="$permission_set" --tags="file://$tags"
            fi
          fi
        }

        # permission_set_inline_policy FILE: makes FILE the permission set's inline policy ('' for
        # none).
        permission_set_inline_policy() {
          local existing=''
          if ((!new_set)); then
            aws_read sso-admin get-inline-policy-for-permission-set --instance-arn="$instance" \
              --permission-set-arn="$permission_set" --query InlinePolicy
            existing=$answer
          fi
          if [[ -z $1 ]]; then
            if [[ -n $existing ]]; then
              aws_write sso-admin delete-inline-policy-from-permission-set --instance-arn="$instance" --permission-set-arn="$permission_set"
              set_changed=1
            fi
            return 0
          fi
          render_exact "$1"
          if [[ $existing != "$document" ]]; then
            aws_write sso-admin put-inline-policy-to-permission-set --instance-arn="$instance" --permission-set-arn="$permission_set" \
              --inline-policy="file://$REPLY"
            set_changed=1
          fi
        }

        # permission_set_boundary FILE: makes FILE ({"PermissionsBoundary": …}, the
        # --cli-input-json of put-permissions-boundary-to-permission-set) the permission set's
        # boundary ('' for none).
        permission_set_boundary() {
          local existing=''
          if ((!new_set)) && aws_find ResourceNotFoundException sso-admin get-permissions-boundary-for-permission-set \
            --instance-arn="$instance" --permission-set-arn="$permission_set" --query 'to_string({PermissionsBoundary: PermissionsBoundary})'; then
            existing=$answer
          fi
          if [[ -z $1 ]]; then
            if [[ -n $existing ]]; then
              aws_write sso-admin delete-permissions-boundary-from-permission-set --instance-arn="$instance" --permission-set-arn="$permission_set"
              set_changed=1
            fi
            return 0
          fi
          render "$1"
          if [[ $existing != "$document" ]]; then
            aws_write sso-admin put-permissions-boundary-to-permission-set --instance-arn="$instance" --permission-set-arn="$permission_set" \
              --cli-input-json "file://$REPLY"
            set_changed=1
          fi
        }

        # permission_set_managed_policies [ARN]...: attaches these AWS managed policies and detaches
        # the others.
        # shellcheck disable=SC2120 # the list may be empty: called without arguments then
        permission_set_managed_policies() {
          local current=() arn
          if ((!new_set)); then
            aws_read sso-admin list-managed-policies-in-permission-set --instance-arn="$instance" \
              --permission-set-arn="$permission_set" --query 'AttachedManagedPolicies[].Arn'
            if [[ -n $answer ]]; then IFS=$'\t' read -r -a current <<<"$answer"; fi
          fi
          for arn in ${current[@]+"${current[@]}"}; do
            if ! contains "$arn" "$@"; then
              aws_write sso-admin detach-managed-policy-from-permission-set --instance-arn="$instance" \
                --permission-set-arn="$permission_set" --managed-policy-arn="$arn"
              set_changed=1
            fi
          done
          for arn in "$@"; do
            if ! contains "$arn" ${current[@]+"${current[@]}"}; then
              aws_write sso-admin attach-managed-policy-to-permission-set --instance-arn="$instance" \
                --permission-set-arn="$permission_set" --managed-policy-arn="$arn"
              set_changed=1
            fi
          done
        }

        # permission_set_customer_policies [REFERENCE]...: attaches these customer managed policy
        # references ({"Name":…,"Path":…}, as JSON) and detaches the others.
        # shellcheck disable=SC2120 # the list may be empty: called without arguments then
        permission_set_customer_policies() {
          local current=() reference
          if ((!new_set)); then
            aws_read sso-admin list-customer-managed-policy-references-in-permission-set --instance-arn="$instance" \
              --permission-set-arn="$permission_set" --query 'CustomerManagedPolicyReferences[].to_string({Name: Name, Path: Path})'
            if [[ -n $answer ]]; then IFS=$'\t' read -r -a current <<<"$answer"; fi
          fi
          for reference in ${current[@]+"${current[@]}"}; do
            if ! contains "$reference" "$@"; then
              aws_write sso-admin detach-customer-managed-policy-reference-from-permission-set --instance-arn="$instance" \
                --permission-set-arn="$permission_set" --customer-managed-policy-reference="$reference"
              set_changed=1
            fi
          done
          for reference in "$@"; do
            if ! contains "$reference" ${current[@]+"${current[@]}"}; then
              aws_write sso-admin attach-customer-managed-policy-reference-to-permission-set --instance-arn="$instance" \
                --permission-set-arn="$permission_set" --customer-managed-policy-reference="$reference"
              set_changed=1
            fi
          done
        }

        # provision_permission_set: after a change to a permission set that already existed, pushes
        # it to every account it is provisioned to (a new one is provisioned by its assignments).
        provision_permission_set() {
          if ((new_set || !set_changed)); then return 0; fi
          aws_read sso-admin list-accounts-for-provisioned-permission-set --instance-arn="$instance" \
            --permission-set-arn="$permission_set" --query AccountIds
          if [[ -z $answer ]]; then return 0; fi
          aws_start 'PermissionSetProvisioningStatus.[RequestId, Status, FailureReason]' sso-admin provision-permission-set \
            --instance-arn="$instance" --permission-set-arn="$permission_set" --target-type=ALL_PROVISIONED_ACCOUNTS
          await "provisioning permission set $permission_set" --provision-permission-set-request-id \
            sso-admin describe-permission-set-provisioning-status --instance-arn="$instance" \
            --query 'PermissionSetProvisioningStatus.[Status, FailureReason]'
        }

        # account_assignments [ACCOUNT TYPE PRINCIPAL]...: assigns the permission set to each
        # principal in each account, and removes its other assignments in those accounts and in
        # every account it is provisioned to.
        # shellcheck disable=SC2120 # the list may be empty: called without arguments then
        account_assignments() {
          local wanted=() accounts=() entry
          while (($# > 0)); do
            wanted+=("$1"$'\t'"$2"$'\t'"$3")
            if ! contains "$1" ${accounts[@]+"${accounts[@]}"}; then accounts+=("$1"); fi
            shift 3
          done
          find_assignments ${accounts[@]+"${accounts[@]}"}
          for entry in ${assignments[@]+"${assignments[@]}"}; do
            if ! contains "$entry" ${wanted[@]+"${wanted[@]}"}; then assignment delete "$entry"; fi
          done
          for entry in ${wanted[@]+"${wanted[@]}"}; do
            if ! contains "$entry" ${assignments[@]+"${assignments[@]}"}; then assignment create "$entry"; fi
          done
        }

        """#

    /// The functions organization/destroy.sh's plan calls.
    static let organizationDestroy = #"""
        # destroy_service_control_policy NAME_JSON: detaches the policy from every target and
        # deletes it.
        destroy_service_control_policy() {
          local id targets=() target
          find_service_control_policy "$1"
          id=$REPLY
          if [[ -z $id ]]; then return 0; fi
          aws_read organizations list-targets-for-policy --policy-id="$id" --query 'Targets[].TargetId'
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a targets <<<"$answer"; fi
          for target in ${targets[@]+"${targets[@]}"}; do
            aws_write organizations detach-policy --policy-id="$id" --target-id="$target"
          done
          aws_write organizations delete-policy --policy-id="$id"
        }

        # destroy_permission_set NAME [ACCOUNT]...: removes its assignments in the ACCOUNTs and in
        # every account it is provisioned to, then deletes it.
        destroy_permission_set() {
          local entry
          find_permission_set "$1"
          permission_set=$REPLY
          if [[ -z $permission_set ]]; then return 0; fi
          new_set=0
          shift
          find_assignments "$@"
          for entry in ${assignments[@]+"${assignments[@]}"}; do
            assignment delete "$entry"
          done
          aws_write sso-admin delete-permission-set --instance-arn="$instance" --permission-set-arn="$permission_set"
        }

        """#

    /// The functions destroy.sh's plan calls.
    static let destroyFunctions = #"""
        # destroy_instance_profile NAME: removes its roles and deletes it.
        destroy_instance_profile() {
          local roles=() role
          aws_read iam get-instance-profile --instance-profile-name="$1" --query 'InstanceProfile.Roles[].RoleName' || return 0
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a roles <<<"$answer"; fi
          for role in ${roles[@]+"${roles[@]}"}; do
            aws_write iam remove-role-from-instance-profile --instance-profile-name="$1" --role-name="$role"
          done
          aws_write iam delete-instance-profile --instance-profile-name="$1"
        }

        # destroy_role NAME: takes the role out of every instance profile, detaches its managed
        # policies, deletes its inline policies, then deletes it.
        destroy_role() {
          local items=() item
          aws_read iam get-role --role-name="$1" --query Role.RoleName || return 0
          aws_read iam list-instance-profiles-for-role --role-name="$1" --query 'InstanceProfiles[].InstanceProfileName'
          items=()
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a items <<<"$answer"; fi
          for item in ${items[@]+"${items[@]}"}; do
            aws_write iam remove-role-from-instance-profile --instance-profile-name="$item" --role-name="$1"
          done
          aws_read iam list-attached-role-policies --role-name="$1" --query 'AttachedPolicies[].PolicyArn'
          items=()
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a items <<<"$answer"; fi
          for item in ${items[@]+"${items[@]}"}; do
            aws_write iam detach-role-policy --role-name="$1" --policy-arn="$item"
          done
          aws_read iam list-role-policies --role-name="$1" --query PolicyNames
          items=()
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a items <<<"$answer"; fi
          for item in ${items[@]+"${items[@]}"}; do
            aws_write iam delete-role-policy --role-name="$1" --policy-name="$item"
          done
          aws_write iam delete-role --role-name="$1"
        }

        # destroy_managed_policy NAME PATH: deletes the customer managed policy and its versions.
        destroy_managed_policy() {
          local arn="arn:$partition:iam::$account:policy$2$1" versions=() version
          aws_read iam get-policy --policy-arn="$arn" --query Policy.Arn || return 0
          aws_read iam list-policy-versions --policy-arn="$arn" --query 'Versions[?!IsDefaultVersion].VersionId'
          if [[ -n $answer ]]; then IFS=$'\t' read -r -a versions <<<"$answer"; fi
          for version in ${versions[@]+"${versions[@]}"}; do
            aws_write iam delete-policy-version --policy-arn="$arn" --version-id="$version"
          done
          aws_write iam delete-policy --policy-arn="$arn"
        }

        """#
}
