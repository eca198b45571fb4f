// Package origin checks where loopgo finds data, with the default
// configuration: what a function fetches, decodes or receives is data;
// what callers out of view pass it is not, unless its type is a type
// parameter of an exported generic function.
package origin

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"

	"github.com/huin/goupnp"

	"loopgo/origin/msg"
	"loopgo/testutil"
)

type User struct{ ID int }

type store struct{}

func (*store) ListUsers(ctx context.Context) ([]User, error) { return nil, nil }

type result struct{ Hits []User }

func (*store) Search(ctx context.Context, q string) (*result, error) { return nil, nil }

func notify(User) {}

type service struct{ db *store }

// Fetched: a call that takes a context returns data.
func (s *service) notifyAll(ctx context.Context) error {
	users, err := s.db.ListUsers(ctx)
	if err != nil {
		return err
	}
	for _, u := range users {
		go notify(u) // want `goroutine per element of users with no concurrency limit; use errgroup.SetLimit or a semaphore`
	}
	return nil
}

// Fetched, in a field of the result.
func (s *service) notifyHits(ctx context.Context, q string) {
	res, err := s.db.Search(ctx, q)
	if err != nil {
		return
	}
	for _, u := range res.Hits {
		go notify(u) // want `goroutine per element of res.Hits`
	}
}

type batch struct{ Users []User }

// Decoded from a request.
func (s *service) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	var b batch
	if err := json.NewDecoder(r.Body).Decode(&b); err != nil {
		return
	}
	for _, u := range b.Users {
		go notify(u) // want `goroutine per element of b.Users`
	}
}

// Received.
func drain(in <-chan []User) {
	for {
		users, ok := <-in
		if !ok {
			return
		}
		var wg sync.WaitGroup
		for _, u := range users {
			wg.Add(1)
			go func() { // want `goroutine per element of users`
				defer wg.Done()
				notify(u)
			}()
		}
	}
}

// Listed from the file system.
func removeAll(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		go os.Remove(e.Name()) // want `goroutine per element of entries`
	}
}

// An exported generic helper takes any data (samber/lo's parallel.Map).
func Map[T, R any](xs []T, f func(T) R) []R { // want Map:"blocks"
	out := make([]R, len(xs))
	var wg sync.WaitGroup
	for i, x := range xs {
		wg.Add(1)
		go func() { // want `goroutine per element of xs`
			defer wg.Done()
			out[i] = f(x)
		}()
	}
	wg.Wait()
	return out
}

// The same over a slice type's elements: S ~[]E is any data too.
func Each[S ~[]E, E any](xs S, f func(E)) { // want Each:"blocks"
	var wg sync.WaitGroup
	for _, x := range xs {
		wg.Add(1)
		go func() { // want `goroutine per element of xs`
			defer wg.Done()
			f(x)
		}()
	}
	wg.Wait()
}

// A checker of one kind of value, generic for its callers' types
// (gitlab-runner's build blueprint: CheckComponents[T Component]): its
// elements are what its callers pass, as for any exported function.
type Checkable interface{ Check() error }

func CheckAll[T Checkable](items []T) error { // want CheckAll:"blocks"
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	for _, it := range items {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := it.Check(); err != nil {
				mu.Lock()
				first = err
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	return first
}

// An unexported function whose callers, all in view, pass fetched data.
func (s *service) welcome(users []User) {
	for _, u := range users {
		go notify(u) // want `goroutine per element of users`
	}
}

func (s *service) welcomeAll(ctx context.Context) {
	users, _ := s.db.ListUsers(ctx)
	s.welcome(users)
}

// Not reported: the rest of this file.

// An exported method's callers are out of view; most pass configuration
// (nsq's per-node stats, tailscale's probe plan).
func (s *service) NotifyEach(users []User) {
	for _, u := range users {
		go notify(u)
	}
}

// A function literal's callers are out of view.
var onUsers = func(users []User) {
	for _, u := range users {
		go notify(u)
	}
}

// A function used as a value: its callers are out of view.
func notifyUsers(users []User) {
	for _, u := range users {
		go notify(u)
	}
}

func register(func([]User)) {}

func init() { register(notifyUsers) }

// An unexported function that nothing calls.
func unused(users []User) {
	for _, u := range users {
		go notify(u)
	}
}

// Derived, without a context, from what callers out of view pass
// (cmd/go's module path prefixes): not data either.
func prefixes(path string) []string {
	var out []string
	for {
		out = append(out, path)
		i := strings.LastIndexByte(path, '/')
		if i < 0 {
			return out
		}
		path = path[:i]
	}
}

func QueryPrefixes(path string, query func(string)) {
	for _, p := range prefixes(path) {
		go query(p)
	}
}

// A variadic parameter is listed by its callers.
func NotifyThese(users ...User) {
	for _, u := range users {
		go notify(u)
	}
}

// Fetched, but a limit bounds it.
func (s *service) notifyLimited(ctx context.Context) {
	users, _ := s.db.ListUsers(ctx)
	sem := make(chan struct{}, 8)
	for _, u := range users {
		sem <- struct{}{}
		go func() {
			defer func() { <-sem }()
			notify(u)
		}()
	}
}

// Fetched into a local and passed to a generic helper that the package
// bounds: nothing to report here either.
func (s *service) notifyFew(ctx context.Context) {
	users, _ := s.db.ListUsers(ctx)
	if len(users) > 4 {
		return
	}
	for _, u := range users {
		go notify(u)
	}
}

// A function of the package that decodes what it reads: its result is
// data, though the call passes nothing.
func loadUsers() []User {
	data, err := os.ReadFile("users.json")
	if err != nil {
		return nil
	}
	var users []User
	if err := json.Unmarshal(data, &users); err != nil {
		return nil
	}
	return users
}

func greetLoaded() {
	for _, u := range loadUsers() {
		go notify(u) // want `goroutine per element of loadUsers\(\)`
	}
}

// The host's network interfaces (go-ethereum's NAT-PMP gateway discovery):
// a few, fixed by the machine.
func localIPs() []net.IP {
	var out []net.IP
	ifaces, err := net.Interfaces()
	if err != nil {
		return nil
	}
	for _, iface := range ifaces {
		addrs, _ := iface.Addrs()
		for _, a := range addrs {
			if ipn, ok := a.(*net.IPNet); ok {
				out = append(out, ipn.IP)
			}
		}
	}
	return out
}

func discover(probe func(net.IP)) {
	for _, ip := range localIPs() {
		go probe(ip)
	}
}

type rows struct{}

func (*rows) Next() bool           { return false }
func (*rows) Scan(dst *User) error { return nil }

func (*store) Query(ctx context.Context, q string) (*rows, error) { return &rows{}, nil }

// Appended once per row read: as long as the query's result.
func (s *service) notifyRows(ctx context.Context) {
	rs, err := s.db.Query(ctx, "select id from users")
	if err != nil {
		return
	}
	var users []User
	for rs.Next() {
		var u User
		if rs.Scan(&u) == nil {
			users = append(users, u)
		}
	}
	for _, u := range users {
		go notify(u) // want `goroutine per element of users`
	}
}

type JobConfig struct{ Name string }

type Spec struct{ Jobs []JobConfig }

type executor struct{ job JobConfig }

func (e *executor) gc(wg *sync.WaitGroup) { wg.Done() }

func setDefaults(j *JobConfig) {}

func newExecutor(job JobConfig) *executor { return &executor{job: job} }

func newExecutors(spec Spec) []*executor {
	var out []*executor
	for _, job := range spec.Jobs {
		setDefaults(&job)
		out = append(out, newExecutor(job))
	}
	return out
}

// One executor per configured job (kube-burner's garbage collection per
// job): appended once per job of the configuration, which an exported
// function is given. What each element holds does not make more of them.
func Run(spec Spec) { // want Run:"blocks"
	executors := newExecutors(spec)
	var wg sync.WaitGroup
	for _, ex := range executors {
		wg.Add(1)
		go ex.gc(&wg)
	}
	wg.Wait()
}

// The cluster's groups, copied from the package's state (dgraph's
// membership state, cloned through proto.Clone): another package's
// interface parameter is the data here, and it is state.
var membership = &msg.State{}

func proposeAll(propose func(uint32)) {
	st := msg.Clone(membership).(*msg.State)
	for gid := range st.GetGroups() {
		go propose(gid)
	}
}

// The test suite's own containers, listed by a test-support package
// (dgraph's test runner stopping them, t/t.go): as many as the tests
// started, a fixture like a _test.go file's table.
func stopTestContainers(ctx context.Context, stop func(context.Context, string)) {
	var wg sync.WaitGroup
	for _, c := range testutil.AllContainers("dgraph-test") {
		wg.Add(1)
		go func() {
			defer wg.Done()
			stop(ctx, c.ID)
		}()
	}
	wg.Wait()
}

// The receiver's links, collected in a deferred function literal and
// stopped in parallel at shutdown (lnd's htlc switch): a literal called
// where it stands runs once, so the slice is as long as the receiver's
// state, not as a callback's calls.
type link struct{}

func (*link) Stop() {}

type forwarder struct{ links map[int]*link }

func (f *forwarder) run(quit <-chan struct{}) {
	defer func() {
		var toStop []*link
		for _, l := range f.links {
			toStop = append(toStop, l)
		}
		var wg sync.WaitGroup
		for _, l := range toStop {
			wg.Add(1)
			go func() {
				defer wg.Done()
				l.Stop()
			}()
		}
		wg.Wait()
	}()
	<-quit
}

// Appended in a callback, which runs once per file: as long as the
// directory tree.
func stopWalked(root string, stop func(string)) {
	var paths []string
	walk(root, func(p string) { paths = append(paths, p) })
	for _, p := range paths {
		go stop(p) // want `goroutine per element of paths`
	}
}

func walk(root string, fn func(string)) {
	entries, _ := os.ReadDir(root)
	for _, e := range entries {
		fn(e.Name())
	}
}

// A MetricSpec is a part of a scaled object's specification.
type MetricSpec struct{ Name string }

func (*store) MetricSpecs(ctx context.Context, object string) ([]MetricSpec, error) { return nil, nil }

func poll(context.Context, MetricSpec) {}

// The metric specs of an object (KEDA's scale handler): fetched with a
// context, but a specification lists what its author configured, a few.
func (s *service) pollSpecs(ctx context.Context, object string) {
	specs, err := s.db.MetricSpecs(ctx, object)
	if err != nil {
		return
	}
	var wg sync.WaitGroup
	for _, spec := range specs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			poll(ctx, spec)
		}()
	}
	wg.Wait()
}

func applySpec(context.Context, User) {}

// The word names the goroutine's function here, not the collection: the
// users are data.
func (s *service) applyAll(ctx context.Context) {
	users, _ := s.db.ListUsers(ctx)
	for _, u := range users {
		go applySpec(ctx, u) // want `goroutine per element of users`
	}
}

// The devices that answer a UPnP discovery (avalanchego's search for a router,
// nat/upnp.go): a few, fixed by the local network, even when the search
// takes a context.
func searchUPnP(ctx context.Context, probe func(goupnp.MaybeRootDevice)) {
	devs, err := goupnp.DiscoverDevicesCtx(ctx, "urn:schemas-upnp-org:device:InternetGatewayDevice:1")
	if err != nil {
		return
	}
	for i := 0; i < len(devs); i++ {
		go probe(devs[i])
	}
}

// A Request is one unit of work in a batch a frontend sends.
type Request struct{ URL string }

// A Batch carries several requests in one message.
type Batch struct{ Requests []*Request }

func run(*Request) []byte { return nil }

// A handler per request of a received batch (tempo's querier): a
// dispatch loop, as a server starts a handler per connection; reported
// only with -loopgo.accept.
func handleBatch(batches <-chan *Batch) [][]byte {
	b := <-batches
	out := make([][]byte, len(b.Requests))
	var wg sync.WaitGroup
	for i, r := range b.Requests {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out[i] = run(r)
		}()
	}
	wg.Wait()
	return out
}

// Items of one request are the request's data, whatever the request is
// called: reported.
type order struct{ Items []User }

func handleOrder(orders <-chan order) {
	req := <-orders
	for _, it := range req.Items {
		go notify(it) // want `goroutine per element of req.Items`
	}
}
