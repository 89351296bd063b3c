#!/usr/bin/env bash
# Installs Debian's Redmine once and prepares a SQLite instance with the REST API on, for Tandem's
# integration tests and `npm start -- --remote redmine`. Every step is skipped when already done, so a
# second run costs nothing. The last line printed is `READY <instance dir> <admin API key>`.
#
# Facts this relies on (measured on Debian 12, redmine 5.0.4):
# - Debian's libruby3.1 security update ships bundler 2.3.27, which ignores the gems Debian registers
#   under /usr/share/rubygems-integration; the redmine postinst and `bundle exec` then fail with
#   Bundler::GemNotFound. Pinning BUNDLER_VERSION to the ruby-bundler package (2.3.15) avoids it.
# - The Gemfile adds the sqlite3 gem only once an instance's database.yml names that adapter, so
#   `bundle install --local` runs again after the instance exists.
set -euo pipefail

INSTANCE="${REDMINE_INSTANCE:-tandem}"
ROOT=/usr/share/redmine
DIR="/var/lib/redmine/$INSTANCE"
# Bump the suffix when the setup below changes, so existing instances are brought up to date.
READY="$DIR/.tandem-ready-4"
PACKAGES=(redmine redmine-sqlite thin dbconfig-no-thanks)

export BUNDLER_VERSION=2.3.15
export REDMINE_INSTANCE="$INSTANCE" RAILS_ENV=production DEBIAN_FRONTEND=noninteractive

fail() { echo "redmine setup: $*" >&2; exit 1; }

# Test files and the sandbox may run this at the same time; apt, bundler and migrations must not.
exec 9>"/tmp/tandem-redmine-setup.lock"
flock 9

installed() {
  for p in "${PACKAGES[@]}"; do
    [ "$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)" = installed ] || return 1
  done
}

if ! installed; then
  command -v apt-get >/dev/null || fail "Redmine is not installed and apt-get is not available: install ${PACKAGES[*]} from Debian's packages (with BUNDLER_VERSION=2.3.15)"
  [ "$(id -u)" = 0 ] || fail "Redmine is not installed and installing it needs root: run 'sudo BUNDLER_VERSION=2.3.15 apt-get install -y ${PACKAGES[*]}' once"
  echo "redmine setup: installing ${PACKAGES[*]} with apt-get" >&2
  apt-get update -qq >&2 || fail "apt-get update failed"
  apt-get install -y -qq "${PACKAGES[@]}" >&2 || fail "apt-get install ${PACKAGES[*]} failed"
fi

mkdir -p "$DIR/config" "$DIR/db" "$DIR/files" "$DIR/log" "$DIR/tmp" "$DIR/public"
# timeout: SQLite waits this long for a lock instead of failing when two servers share the instance.
cat > "$DIR/config/database.yml" <<YAML
production:
  adapter: sqlite3
  database: $DIR/db/redmine.sqlite3
  encoding: utf8
  timeout: 10000
YAML

if [ -f "$READY" ]; then
  echo "READY $DIR $(cat "$READY")"
  exit 0
fi
[ -s "$DIR/config/secret_key.txt" ] || head -c 48 /dev/urandom | od -An -tx1 | tr -d ' \n' > "$DIR/config/secret_key.txt"

cd "$ROOT"
bundle check >/dev/null 2>&1 || bundle install --local --quiet >&2 || fail "bundle install --local failed"
bundle exec rake db:migrate >&2 || fail "rake db:migrate failed"
KEY=$(bundle exec rails runner '
  Redmine::DefaultData::Loader.load("en") if Redmine::DefaultData::Loader.no_data?
  Setting.rest_api_enabled = "1"
  Setting.login_required = "1"
  # Tandem writes descriptions and notes as Markdown.
  Setting.text_formatting = "common_mark"
  # A custom field for the tests and the demo to map; Redmine has no API to create one.
  unless IssueCustomField.exists?(name: "Customer")
    IssueCustomField.create!(name: "Customer", field_format: "string", is_for_all: true,
                             is_filter: true, tracker_ids: Tracker.pluck(:id))
  end
  # A tracker whose workflow is a chain, New → In Progress → Resolved → Closed for every role, so tests
  # see Redmine refuse a status two steps away (Redmine has no API to edit workflows either).
  unless Tracker.exists?(name: "Gated")
    chain = ["New", "In Progress", "Resolved", "Closed"].map { |n| IssueStatus.find_by!(name: n) }
    gated = Tracker.create!(name: "Gated", default_status: chain.first)
    Role.where(builtin: 0).each do |role|
      chain.each_cons(2) do |from, to|
        WorkflowTransition.create!(tracker_id: gated.id, role_id: role.id, old_status_id: from.id, new_status_id: to.id)
      end
    end
  end
  # Copied work logs are booked under the default activity (redmine-time-entries.ts); the default
  # data sets none, and enumerations have no write API.
  unless TimeEntryActivity.exists?(is_default: true)
    TimeEntryActivity.find_by!(name: "Development").update!(is_default: true)
  end
  admin = User.find_by_login("admin")
  admin.update_columns(must_change_passwd: false)
  puts "KEY=#{admin.api_key}"
' | sed -n 's/^KEY=//p')
[ -n "$KEY" ] || fail "could not read the admin API key"
echo "$KEY" > "$READY"
echo "READY $DIR $KEY"
