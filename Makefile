# Shortcuts for developers; scripts/run and scripts/test are the two set-up
# commands the README gives (they install what they need first).
.PHONY: run test bench fuzz crash clean package package-test

run:
	./scripts/run

test:
	./scripts/test

# Benchmarks (see BENCHMARKS.md); DOSSIER_BENCH_1M=1 adds the 1M-passage corpus.
bench:
	go test ./store/ -run '^$$' -bench 'Import$$|Search$$' -benchtime 200x -timeout 60m
	go test ./store/ -run '^$$' -bench 'ImportFiles|FullRanking' -benchtime 10x -timeout 60m

fuzz:
	go test ./store/query/ -run '^$$' -fuzz FuzzParse -fuzztime 60s
	go test ./store/ -run '^$$' -fuzz FuzzSearch -fuzztime 60s
	go test ./store/ingest/ -run '^$$' -fuzz FuzzPlainText -fuzztime 60s
	go test ./store/ingest/ -run '^$$' -fuzz FuzzMarkdown -fuzztime 60s
	go test ./store/ -run '^$$' -fuzz FuzzImportStored -fuzztime 60s

# The crash harness's long run (README, "Your data is safe").
crash:
	DOSSIER_CRASH_ROUNDS=500 go test ./store/ -run '^TestCrashRecovery$$' -count=1 -v -timeout 60m

# Installers into dist/ (README, "Installing"), and their install-and-start
# proof; neither runs in CI (a full package run takes several minutes).
package:
	./scripts/package

package-test:
	./scripts/package-test

clean:
	rm -f dossier dossier.exe
	rm -rf dist
