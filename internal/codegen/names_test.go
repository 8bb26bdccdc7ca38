package codegen

import (
	"strings"
	"testing"
)

func TestGoName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"project", "Project"},
		{"projectId", "ProjectID"},
		{"serviceIds", "ServiceIDs"},
		{"serviceIDs", "ServiceIDs"},
		{"httpUrl", "HTTPURL"},
		{"HTTPServer", "HTTPServer"},
		{"APIToken", "APIToken"},
		{"apiTokens", "APITokens"},
		{"DnsRecord", "DNSRecord"},
		{"tcpProxy", "TCPProxy"},
		{"sshKey", "SSHKey"},
		{"cdnMode", "CDNMode"},
		{"jsonSchema", "JSONSchema"},
		{"sizeMB", "SizeMB"},
		{"s3Bucket", "S3Bucket"},
		{"utf8", "UTF8"},
		{"http2Enabled", "Http2Enabled"},
		{"identifier", "Identifier"},
		{"tip", "Tip"},
		{"QUEUED", "Queued"},
		{"REQUIRES_UPDATE", "RequiresUpdate"},
		{"HTTP_ONLY", "HTTPOnly"},
		{"SERVICE_IDS", "ServiceIDs"},
		{"A", "A"},
		{"AAAA", "Aaaa"},
		{"ID", "ID"},
		{"id", "ID"},
		{"snake_case_name", "SnakeCaseName"},
		{"_private", "Private"},
		{"type", "Type"},
		{"func", "Func"},
		{"_", "X"},
		{"_5GB", "X5Gb"},
		// A run of capitals stays capitals: a short name in capitals is an
		// initialism or a code (CWE, country codes, DNS record types), in a
		// type's name and in its connection's alike.
		{"CWE", "CWE"},
		{"CWEConnection", "CWEConnection"},
		{"AF", "AF"},
		{"US", "US"},
		{"MX", "MX"},
		{"TXT", "TXT"},
		{"NONE", "None"},
		{"IN_PROGRESS", "InProgress"},
		{"US_EAST", "UsEast"},
		// Brands keep their spelling.
		{"github", "GitHub"},
		{"githubRepo", "GitHubRepo"},
		{"GithubRepo", "GitHubRepo"},
		{"GitHubRepo", "GitHubRepo"},
		{"linkedinUrl", "LinkedInURL"},
		{"youtubeChannel", "YouTubeChannel"},
		{"AzureDevops", "AzureDevOps"},
		{"oauthApp", "OAuthApp"},
		{"OAuthApp", "OAuthApp"},
		{"Scim", "SCIM"},
		{"scimUser", "SCIMUser"},
		{"GITHUB", "GitHub"},
		{"GITLAB_TOKEN", "GitLabToken"},
		{"graphqlQuery", "GraphQLQuery"},
	}
	for _, tt := range tests {
		if got := goName(tt.in); got != tt.want {
			t.Errorf("goName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	// After a prefix, as in an enum's constants, a name may start with a
	// digit.
	if got := camel("_5GB"); got != "5Gb" {
		t.Errorf("camel(_5GB) = %q, want 5Gb", got)
	}
}

func TestScopeClaim(t *testing.T) {
	s := scope{}
	s.reserve("Optional")
	for _, tt := range []struct{ want, got string }{
		{"Optional", "Optional_2"},
		{"Optional", "Optional_3"},
		{"Project", "Project"},
		{"Project", "Project_2"},
	} {
		if got := s.claim(tt.want); got != tt.got {
			t.Errorf("claim(%q) = %q, want %q", tt.want, got, tt.got)
		}
	}
}

// TestClaimAllPrefersExactNames: the type spelt as Go spells it keeps its
// name, wherever its namesake sorts.
func TestClaimAllPrefersExactNames(t *testing.T) {
	ids := claimAll(scope{}, []string{"DnsRecord", "DNSRecord", "dns_record"}, "")
	want := map[string]string{"DNSRecord": "DNSRecord", "DnsRecord": "DNSRecord_2", "dns_record": "DNSRecord_3"}
	for name, id := range want {
		if ids[name] != id {
			t.Errorf("%s: got %s, want %s", name, ids[name], id)
		}
	}
}

// TestSpellingsExtendTheBrands: a configured spelling is used like the
// default ones, and leaves the others as they are.
func TestSpellingsExtendTheBrands(t *testing.T) {
	sp, err := newSpellings([]string{"PlayStation", "HubSpot"})
	if err != nil {
		t.Fatal(err)
	}
	for in, want := range map[string]string{
		"playstationGame": "PlayStationGame", "HUBSPOT": "HubSpot", "hubspotContact": "HubSpotContact",
		"githubRepo": "GitHubRepo", "projectId": "ProjectID",
	} {
		if got := sp.goName(in); got != want {
			t.Errorf("goName(%q) = %q, want %q", in, got, want)
		}
	}
	for _, bad := range []string{"", "play station", "9Lives", "x"} {
		if _, err := newSpellings([]string{bad}); err == nil {
			t.Errorf("newSpellings(%q): no error", bad)
		}
	}
}

// FuzzCamel checks camel, which spells ASCII words on the stack, against
// the plain spelling it replaced: the same identifier for every name,
// brands and non-ASCII names included.
func FuzzCamel(f *testing.F) {
	for _, seed := range []string{"projectId", "serviceIds", "REQUIRES_UPDATE", "githubRepo", "AAAA", "5GB", "_5GB",
		"CWEConnection", "HTTPServer", "ÉCOLE_id", "ids", "IDS", "abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyz"} {
		f.Add(seed)
	}
	sp := mustSpellings([]string{"PlayStation"})
	f.Fuzz(func(t *testing.T, name string) {
		if got, want := sp.camel(name), plainCamel(sp, name); got != want {
			t.Errorf("camel(%q) = %q, want %q", name, got, want)
		}
	})
}

// plainCamel is camel as first written: a copy of every word in each case.
func plainCamel(sp spellings, name string) string {
	allCaps := strings.ToUpper(name) == name
	ws := words(name)
	var b strings.Builder
	for _, w := range ws {
		switch {
		case allCaps && len(ws) == 1 && letters(w) <= 3 && sp[strings.ToLower(w)] == "":
			b.WriteString(w)
			continue
		case allCaps:
			w = strings.ToLower(w)
		}
		b.WriteString(sp.goWord(w))
	}
	return b.String()
}
