package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestTable(t *testing.T) {
	dir := t.TempDir()
	raw := "section\tlabel\tparam\tround\twall_s\tuser_s\tsys_s\tmaxrss_kb\texit\n" +
		"main\tfloor-ssa\t\t1\t10.0\t15.0\t1.0\t1048576\t0\n" +
		"main\tfloor-ssa\t\t2\t12.0\t16.0\t1.0\t1048576\t0\n" +
		"main\tfloor-ssa\t\t3\t11.0\t17.0\t1.0\t2097152\t0\n" +
		"main\tconclint\t\t1\t13.0\t18.0\t1.0\t1310720\t3\n" +
		"main\tstaticcheck (cold)\t\t1\t40.0\t60.0\t2.0\t524288\t1\n" +
		"analyzers\tconclint -deferloop\t\t1\t4.0\t5.0\t0.5\t262144\t0\n" +
		"scale\tfloor-ssa\t25\t1\t2.0\t3.0\t0.1\t204800\t0\n" +
		"scale\tconclint\t25\t1\t2.2\t3.3\t0.1\t215040\t0\n"
	meta := "corpus\tstd\npackages\t362\nfiles\t6000\nlines\t973888\nruns\t3\n"
	for name, data := range map[string]string{"raw.tsv": raw, "meta.tsv": meta, "scale.tsv": "25\t300\t50000\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	var b strings.Builder
	if err := run(&b, dir); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"362 packages, 6,000 files, 973,888 lines",
		"| floor-ssa | 11.0 s (10.0–12.0) | 17.0 s | 1.00 GiB | 1.00x |",
		"| conclint | 13.0 s (13.0–13.0) | 19.0 s | 1.25 GiB | 1.18x | 1.12x | 1.25x | 0.33x | 3 |",
		"| conclint peak RSS ÷ floor-ssa | 1.25x | ≤ 1.25x | yes |",
		"| deferloop | 4.0 s (4.0–4.0) | -7.0 s |",
		"| 25 | 50,000 | 2.0 s | 2.2 s | 1.10x |",
		"| 362 (all) | 973,888 | 11.0 s | 13.0 s |",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("table lacks %q:\n%s", want, out)
		}
	}
}
