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
            aws_cli "$@" >/dev/null
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
        # replaced by the input's value, JSON-escaped.
        render() {
          local i value bs="\\" q='"'
          document=$(<"$here/$1")
          REPLY=$here/$1
          if [[ $document != *«* ]]; then return 0; fi
          for ((i = 0; i < ${#input_names[@]}; i++)); do
            value=${input_values[i]//"$bs"/"$bs$bs"}
            value=${value//"$q"/"$bs$q"}
            document=${document//"«${input_names[i]}»"/"$value"}
          done
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
